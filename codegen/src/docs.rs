//! Conversion of Smithy documentation strings into rustdoc-safe Markdown.
//!
//! AWS Smithy models carry their `smithy.api#documentation` trait values as
//! loosely written HTML (`<p>`, `<ul>`, `<code>`, `<note>`, ...), frequently
//! heavily indented and occasionally malformed. [`html_to_markdown`] turns such
//! a string into CommonMark text that can be emitted as `///` doc comments and
//! builds cleanly under `RUSTDOCFLAGS=-D warnings cargo doc`:
//!
//! * block structure (paragraphs, lists, definition lists, code blocks,
//!   `<note>`/`<important>` callouts) is mapped onto Markdown blocks;
//! * inline markup (`<code>`, `<b>`, `<i>`, `<a>`, `<br>`) is mapped onto
//!   Markdown inline syntax;
//! * every character of plain text that Markdown or rustdoc could misread
//!   (brackets, angle brackets, emphasis markers, backticks, backslashes, line
//!   starts that look like headings/lists/quotes) is backslash-escaped, and bare
//!   `http(s)://` URLs are wrapped in `<...>` autolinks;
//! * unknown tags are dropped while their text is kept; malformed input never
//!   panics.
//!
//! Choices worth knowing:
//!
//! * `<a>` keeps its link only when `href` contains a `/` (or is `mailto:`);
//!   bare names and `#fragments` are rendered as their text, since rustdoc
//!   would try (and fail) to resolve them as intra-doc links. A link whose
//!   text equals its URL becomes an autolink `<url>`.
//! * Unknown tags whose name has capital letters (`List<String>`, `<T>`) are
//!   generics written in prose and kept as (escaped) text; other unknown tags
//!   are dropped with their text kept.
//! * Bold/italic use `**`/`*`, except where CommonMark's flanking rules would
//!   keep the delimiters from opening or closing (`<b>Note:</b>text`), in
//!   which case `<strong>`/`<em>` are emitted.
//! * `<dl>` becomes a bullet list of `**term**: description` items;
//!   `<pre>` (and a stand-alone multi-line `<code>`) becomes a fenced
//!   `text` block, so rustdoc never treats it as a doctest.
//!
//! The HTML tokenizer here is intentionally small: documentation strings are
//! fragments, not documents, and only a handful of tags matter.
//!
//! Emit each line of the result as `/// {line}` (with the space), or as a
//! `#[doc = "..."]` attribute: a line may legitimately start with `/`.

use std::mem;

/// Maximum element nesting depth kept when building the tree; deeper start
/// tags are dropped (their text is kept). Bounds recursion on hostile input.
const MAX_DEPTH: usize = 64;

/// Longest tag (including attributes) the tokenizer recognizes, in bytes.
const MAX_TAG_LEN: usize = 4 * 1024;

/// Largest list start number honoured from `<ol start="...">`; CommonMark
/// only accepts ordered list markers of at most nine digits.
const MAX_LIST_START: u64 = 1_000_000;

/// Converts a Smithy documentation string (HTML, as AWS models use it) into Markdown for rustdoc.
///
/// The result has no leading or trailing blank lines, no trailing spaces, and
/// never more than one blank line in a row. Text that contains no HTML tag at
/// all is treated as plain text: blank lines in it separate paragraphs, and all
/// other whitespace runs are collapsed to single spaces.
///
/// ```text
/// <p>Use <code>ListFoo</code> &amp; see <a href="https://x.example/a">docs</a>.</p>
/// ```
/// becomes
/// ```text
/// Use `ListFoo` & see [docs](https://x.example/a).
/// ```
#[must_use]
pub fn html_to_markdown(html: &str) -> String {
    let tokens = tokenize(html);
    let has_markup = tokens.iter().any(|t| !matches!(t, Token::Text(_)));
    let mut ctx = BlockCtx::new();
    if has_markup {
        let tree = build_tree(tokens);
        let nodes: Vec<&Node> = tree.iter().collect();
        walk_block(&nodes, &mut ctx);
    } else {
        let mut text = String::new();
        for token in &tokens {
            if let Token::Text(t) = token {
                text.push_str(t);
            }
        }
        for paragraph in split_plain_paragraphs(&text) {
            ctx.inline.push_text(&paragraph);
            ctx.flush_para();
        }
    }
    let blocks = ctx.finish();
    let mut lines = Vec::new();
    blocks_to_lines(&blocks, false, &mut lines);
    join_lines(lines)
}

// ---------------------------------------------------------------------------
// Tokenizer
// ---------------------------------------------------------------------------

/// A lexical unit of the HTML input.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Token {
    /// Character data, with entities already decoded.
    Text(String),
    /// An opening (or self-closing) tag; the name is lowercase.
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    /// A closing tag; the name is lowercase.
    End { name: String },
    /// A comment, doctype or processing instruction (ignored).
    Comment,
}

/// Splits `input` into tokens. A `<` that does not start well-formed markup is
/// kept as text.
fn tokenize(input: &str) -> Vec<Token> {
    let bytes = input.as_bytes();
    let mut tokens = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' {
            if let Some((token, next)) = parse_markup(input, i) {
                if text_start < i {
                    tokens.push(Token::Text(decode_entities(&input[text_start..i])));
                }
                tokens.push(token);
                i = next;
                text_start = next;
                continue;
            }
        }
        i += 1;
    }
    if text_start < bytes.len() {
        tokens.push(Token::Text(decode_entities(&input[text_start..])));
    }
    tokens
}

/// Tries to parse markup starting at byte `start` (which holds `<`). Returns
/// the token and the byte offset just past it, or `None` if the `<` is text.
fn parse_markup(input: &str, start: usize) -> Option<(Token, usize)> {
    let full_rest = &input[start..];
    if let Some(comment) = full_rest.strip_prefix("<!--") {
        let end = comment
            .find("-->")
            .map_or(input.len(), |p| start + 4 + p + 3);
        return Some((Token::Comment, end));
    }
    if let Some(body) = full_rest.strip_prefix("<![CDATA[") {
        return Some(match body.find("]]>") {
            Some(p) => (Token::Text(body[..p].to_string()), start + 9 + p + 3),
            None => (Token::Text(body.to_string()), input.len()),
        });
    }
    // Other markup must end within a bounded window; this keeps input full
    // of unterminated `<` from being scanned to its end over and over.
    let mut window_end = (start + MAX_TAG_LEN).min(input.len());
    while !input.is_char_boundary(window_end) {
        window_end -= 1;
    }
    let rest = &input[start..window_end];
    if !rest.contains('>') {
        return None;
    }
    let b = rest.as_bytes();
    if matches!(b.get(1), Some(b'!' | b'?')) {
        let end = rest.find('>')?;
        return Some((Token::Comment, start + end + 1));
    }
    let (is_end, name_start) = if b.get(1) == Some(&b'/') {
        (true, 2)
    } else {
        (false, 1)
    };
    if !b.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
        return None;
    }
    let mut p = name_start;
    while p < b.len() && (b[p].is_ascii_alphanumeric() || matches!(b[p], b'-' | b'_' | b':' | b'.'))
    {
        p += 1;
    }
    match b.get(p) {
        Some(c) if c.is_ascii_whitespace() || *c == b'/' || *c == b'>' => {}
        _ => return None,
    }
    let raw_name = &rest[name_start..p];
    let name = raw_name.to_ascii_lowercase();
    // `List<String>`, `<T>`: unknown capitalised "tags" are almost always
    // unescaped generics in prose, so keep them as text.
    if !is_known_tag(&name) && raw_name.bytes().any(|c| c.is_ascii_uppercase()) {
        return None;
    }
    if is_end {
        let close = rest[p..].find('>')?;
        return Some((Token::End { name }, start + p + close + 1));
    }
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while p < b.len() && b[p].is_ascii_whitespace() {
            p += 1;
        }
        match b.get(p) {
            None => return None,
            Some(b'>') => {
                p += 1;
                break;
            }
            Some(b'/') => {
                p += 1;
                if b.get(p) == Some(&b'>') {
                    self_closing = true;
                    p += 1;
                    break;
                }
                continue;
            }
            Some(_) => {}
        }
        let name_begin = p;
        while p < b.len() && !b[p].is_ascii_whitespace() && !matches!(b[p], b'=' | b'>' | b'/') {
            p += 1;
        }
        if p == name_begin {
            // A stray `=`: skip it.
            p += 1;
            continue;
        }
        let attr_name = name_begin..p;
        while p < b.len() && b[p].is_ascii_whitespace() {
            p += 1;
        }
        let mut value = p..p;
        if b.get(p) == Some(&b'=') {
            p += 1;
            while p < b.len() && b[p].is_ascii_whitespace() {
                p += 1;
            }
            match b.get(p) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let value_start = p + 1;
                    let len = rest[value_start..].find(q as char)?;
                    value = value_start..value_start + len;
                    p = value_start + len + 1;
                }
                Some(_) => {
                    let value_start = p;
                    while p < b.len() && !b[p].is_ascii_whitespace() && b[p] != b'>' {
                        p += 1;
                    }
                    value = value_start..p;
                }
                None => return None,
            }
        }
        attrs.push((attr_name, value));
    }
    // Attributes are only decoded once the tag is known to be complete.
    let attrs = attrs
        .into_iter()
        .map(|(n, v): (std::ops::Range<usize>, std::ops::Range<usize>)| {
            (rest[n].to_ascii_lowercase(), decode_entities(&rest[v]))
        })
        .collect();
    Some((
        Token::Start {
            name,
            attrs,
            self_closing,
        },
        start + p,
    ))
}

/// Tag names treated as HTML even when written with capital letters.
fn is_known_tag(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "blockquote"
            | "body"
            | "br"
            | "caption"
            | "cite"
            | "code"
            | "dd"
            | "del"
            | "div"
            | "dl"
            | "dt"
            | "em"
            | "fullname"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "hr"
            | "html"
            | "i"
            | "img"
            | "important"
            | "kbd"
            | "li"
            | "note"
            | "ol"
            | "p"
            | "pre"
            | "q"
            | "s"
            | "samp"
            | "section"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "table"
            | "tbody"
            | "td"
            | "tfoot"
            | "th"
            | "thead"
            | "tr"
            | "tt"
            | "u"
            | "ul"
            | "var"
            | "warning"
    )
}

/// Elements that never have content.
fn is_void(name: &str) -> bool {
    matches!(
        name,
        "br" | "hr"
            | "img"
            | "wbr"
            | "input"
            | "meta"
            | "link"
            | "area"
            | "base"
            | "col"
            | "embed"
            | "param"
            | "source"
            | "track"
    )
}

/// Decodes HTML character references. Unknown or malformed references are
/// kept verbatim.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + 1..];
        match decode_reference(after) {
            Some((c, consumed)) => {
                out.push(c);
                rest = &after[consumed..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// Decodes one character reference; `s` starts just after the `&`. Returns
/// the character and the number of bytes consumed (including the `;`).
fn decode_reference(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(40).position(|b| b == b';')?;
    let body = &s[..semi];
    if body.is_empty() {
        return None;
    }
    if let Some(num) = body.strip_prefix('#') {
        let (digits, radix) = match num.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (num, 10),
        };
        if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
            return None;
        }
        let c = u32::from_str_radix(digits, radix)
            .ok()
            .and_then(char::from_u32)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}');
        return Some((c, semi + 1));
    }
    if !body.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    named_entity(body).map(|c| (c, semi + 1))
}

/// The named character references that plausibly occur in API documentation.
fn named_entity(name: &str) -> Option<char> {
    Some(match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{A0}',
        "ensp" => '\u{2002}',
        "emsp" => '\u{2003}',
        "thinsp" => '\u{2009}',
        "zwnj" => '\u{200C}',
        "zwj" => '\u{200D}',
        "shy" => '\u{AD}',
        "ndash" => '–',
        "mdash" => '—',
        "minus" => '−',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "sbquo" => '‚',
        "ldquo" => '“',
        "rdquo" => '”',
        "bdquo" => '„',
        "laquo" => '«',
        "raquo" => '»',
        "lsaquo" => '‹',
        "rsaquo" => '›',
        "bull" => '•',
        "middot" => '·',
        "dagger" => '†',
        "Dagger" => '‡',
        "prime" => '′',
        "Prime" => '″',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "sect" => '§',
        "para" => '¶',
        "deg" => '°',
        "micro" => 'µ',
        "times" => '×',
        "divide" => '÷',
        "plusmn" => '±',
        "le" => '≤',
        "ge" => '≥',
        "ne" => '≠',
        "asymp" => '≈',
        "infin" => '∞',
        "larr" => '←',
        "rarr" => '→',
        "uarr" => '↑',
        "darr" => '↓',
        "harr" => '↔',
        "lArr" => '⇐',
        "rArr" => '⇒',
        "hArr" => '⇔',
        "cent" => '¢',
        "pound" => '£',
        "euro" => '€',
        "yen" => '¥',
        "iexcl" => '¡',
        "iquest" => '¿',
        "frac12" => '½',
        "frac14" => '¼',
        "frac34" => '¾',
        "sup1" => '¹',
        "sup2" => '²',
        "sup3" => '³',
        "aacute" => 'á',
        "eacute" => 'é',
        "iacute" => 'í',
        "oacute" => 'ó',
        "uacute" => 'ú',
        "Aacute" => 'Á',
        "Eacute" => 'É',
        "agrave" => 'à',
        "egrave" => 'è',
        "auml" => 'ä',
        "ouml" => 'ö',
        "uuml" => 'ü',
        "Auml" => 'Ä',
        "Ouml" => 'Ö',
        "Uuml" => 'Ü',
        "szlig" => 'ß',
        "ccedil" => 'ç',
        "ntilde" => 'ñ',
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Tree
// ---------------------------------------------------------------------------

/// A node of the (forgiving) document tree.
#[derive(Debug)]
enum Node {
    Text(String),
    Element(Element),
}

/// An element with lowercase name, attributes and children.
#[derive(Debug)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

impl Element {
    fn new(name: String, attrs: Vec<(String, String)>) -> Self {
        Element {
            name,
            attrs,
            children: Vec::new(),
        }
    }

    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    fn child_refs(&self) -> Vec<&Node> {
        self.children.iter().collect()
    }
}

/// Builds a tree from tokens, recovering from malformed nesting: unmatched
/// end tags are ignored, unclosed elements are closed at the end, and `<li>`,
/// `<dt>`, `<dd>` implicitly close a previous sibling of the same kind.
fn build_tree(tokens: Vec<Token>) -> Vec<Node> {
    let mut stack: Vec<Element> = vec![Element::new("#root".to_string(), Vec::new())];
    for token in tokens {
        match token {
            Token::Text(text) => append(&mut stack, Node::Text(text)),
            Token::Comment => {}
            Token::Start {
                name,
                attrs,
                self_closing,
            } => {
                match name.as_str() {
                    "li" => close_open(&mut stack, &["li"], &["ul", "ol"]),
                    "dt" | "dd" => close_open(&mut stack, &["dt", "dd"], &["dl"]),
                    _ => {}
                }
                let element = Element::new(name, attrs);
                if self_closing || is_void(&element.name) || stack.len() > MAX_DEPTH {
                    append(&mut stack, Node::Element(element));
                } else {
                    stack.push(element);
                }
            }
            Token::End { name } => {
                if name == "br" {
                    append(&mut stack, Node::Element(Element::new(name, Vec::new())));
                } else if let Some(pos) = stack.iter().rposition(|e| e.name == name) {
                    if pos > 0 {
                        pop_to(&mut stack, pos);
                    }
                }
            }
        }
    }
    pop_to(&mut stack, 1);
    stack.pop().map(|root| root.children).unwrap_or_default()
}

fn append(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

/// Pops (closing) every element at index `>= pos`, attaching each to its parent.
fn pop_to(stack: &mut Vec<Element>, pos: usize) {
    while stack.len() > pos.max(1) {
        if let Some(element) = stack.pop() {
            append(stack, Node::Element(element));
        }
    }
}

/// Closes the nearest open element named in `targets`, unless an element named
/// in `boundaries` is found first.
fn close_open(stack: &mut Vec<Element>, targets: &[&str], boundaries: &[&str]) {
    for idx in (1..stack.len()).rev() {
        let name = stack[idx].name.as_str();
        if targets.contains(&name) {
            pop_to(stack, idx);
            return;
        }
        if boundaries.contains(&name) {
            return;
        }
    }
}

// ---------------------------------------------------------------------------
// Markdown model
// ---------------------------------------------------------------------------

/// A Markdown block. Paragraph text is final Markdown whose lines are joined
/// with hard breaks (`\` + newline).
#[derive(Debug)]
enum Block {
    Para(String),
    Code(String),
    List(List),
}

#[derive(Debug)]
struct List {
    ordered: bool,
    start: u64,
    items: Vec<Vec<Block>>,
}

/// Inline formatting context inherited by nested inline content.
#[derive(Debug, Clone, Copy, Default)]
struct Flags {
    bold: bool,
    italic: bool,
    link: bool,
}

/// Accumulates inline Markdown. Text is collected unescaped in `raw` (with
/// whitespace collapsed) and escaped when markup follows or at the end;
/// `out` holds finished Markdown, where `\n` marks a hard line break.
#[derive(Debug, Default)]
struct Inline {
    out: String,
    raw: String,
    lead_space: bool,
    flags: Flags,
    nested: bool,
    fragile: Option<FragileEmphasis>,
    /// The code span that `out` ends with: its start in `out` and its content.
    last_code: Option<(usize, String)>,
}

/// Emphasis just written to `out` whose content ends with punctuation: its
/// closing delimiter only closes if whitespace or punctuation follows, so it
/// is rewritten to HTML tags if a word character comes next.
#[derive(Debug, Clone, Copy)]
struct FragileEmphasis {
    open: usize,
    close: usize,
    bold: bool,
}

/// Finished inline content with its surrounding whitespace stripped.
struct InlineResult {
    text: String,
    lead: bool,
    trail: bool,
}

impl Inline {
    fn nested(flags: Flags) -> Self {
        Inline {
            flags,
            nested: true,
            ..Inline::default()
        }
    }

    fn last_char(&self) -> Option<char> {
        self.raw
            .chars()
            .next_back()
            .or_else(|| self.out.chars().next_back())
    }

    fn is_blank(&self) -> bool {
        self.out.is_empty() && self.raw.trim().is_empty()
    }

    fn push_text(&mut self, text: &str) {
        for c in text.chars() {
            if is_collapsible_space(c) {
                self.push_space();
            } else if let Some(c) = clean_char(c) {
                self.settle_fragile(c);
                self.last_code = None;
                self.raw.push(c);
            }
        }
    }

    /// Resolves a pending [`FragileEmphasis`] now that `next` follows it.
    fn settle_fragile(&mut self, next: char) {
        let Some(fragile) = self.fragile.take() else {
            return;
        };
        if next.is_whitespace() || is_markdown_punctuation(next) {
            return;
        }
        let (marker_len, open, close) = if fragile.bold {
            (2, "<strong>", "</strong>")
        } else {
            (1, "<em>", "</em>")
        };
        let close_end = fragile.close + marker_len;
        let open_end = fragile.open + marker_len;
        if self.out.get(fragile.close..close_end).is_some()
            && self.out.get(fragile.open..open_end).is_some()
        {
            self.out.replace_range(fragile.close..close_end, close);
            self.out.replace_range(fragile.open..open_end, open);
        }
    }

    fn push_space(&mut self) {
        self.fragile = None;
        self.last_code = None;
        match self.last_char() {
            None => self.lead_space = true,
            Some(' ' | '\n') => {}
            Some(_) => self.raw.push(' '),
        }
    }

    fn push_markup(&mut self, markup: &str) {
        self.flush();
        if let Some(c) = markup.chars().next() {
            self.settle_fragile(c);
        }
        self.last_code = None;
        self.out.push_str(markup);
    }

    fn push_break(&mut self) {
        self.flush();
        self.fragile = None;
        self.last_code = None;
        let trimmed = self.out.trim_end_matches(' ').len();
        self.out.truncate(trimmed);
        if self.out.is_empty() {
            self.lead_space = true;
        } else if !(self.nested && self.out.ends_with('\n')) {
            self.out.push('\n');
        }
    }

    /// Appends a code span. A code span directly following another one is
    /// merged into it: written separately, the closing fence of the first
    /// would run into the opening fence of the second.
    fn push_code(&mut self, code: &str) {
        self.flush();
        let mut content = code.to_string();
        if let Some((start, previous)) = self.last_code.take() {
            self.out.truncate(start);
            content.insert_str(0, &previous);
        }
        let start = self.out.len();
        self.push_markup(&code_span(&content));
        self.last_code = Some((start, content));
    }

    fn flush(&mut self) {
        if !self.raw.is_empty() {
            escape_text(&self.raw, !self.flags.link, &mut self.out);
            self.raw.clear();
        }
    }

    fn finish(mut self) -> InlineResult {
        self.flush();
        let is_ws = |c: char| c == ' ' || c == '\n';
        InlineResult {
            lead: self.lead_space || self.out.starts_with(is_ws),
            trail: self.out.ends_with(is_ws),
            text: self.out.trim_matches(is_ws).to_string(),
        }
    }

    /// Appends finished content as bold or italic, keeping its surrounding
    /// whitespace outside of the delimiters. Where CommonMark's flanking
    /// rules would keep `*`/`**` from opening (punctuation right after the
    /// delimiter, a word character right before it), HTML tags are used.
    fn push_emphasis(&mut self, result: &InlineResult, bold: bool) {
        if result.lead {
            self.push_space();
        }
        if let (Some(first), Some(last)) =
            (result.text.chars().next(), result.text.chars().next_back())
        {
            self.flush();
            let prev = self.last_char();
            let opens = !is_markdown_punctuation(first)
                || prev.is_none_or(|p| p.is_whitespace() || is_markdown_punctuation(p));
            let (open, close) = match (opens, bold) {
                (true, true) => ("**", "**"),
                (true, false) => ("*", "*"),
                (false, true) => ("<strong>", "</strong>"),
                (false, false) => ("<em>", "</em>"),
            };
            self.push_markup(open);
            let open_at = self.out.len() - open.len();
            self.push_markup(&result.text);
            let close_at = self.out.len();
            self.push_markup(close);
            if opens && is_markdown_punctuation(last) {
                self.fragile = Some(FragileEmphasis {
                    open: open_at,
                    close: close_at,
                    bold,
                });
            }
        }
        if result.trail {
            self.push_space();
        }
    }
}

/// Punctuation as CommonMark's flanking rules see it (non-ASCII symbols are
/// counted too, which errs on the safe side).
fn is_markdown_punctuation(c: char) -> bool {
    c.is_ascii_punctuation() || (!c.is_ascii() && !c.is_alphanumeric() && !c.is_whitespace())
}

/// Whitespace that HTML collapses (plus the no-break space, which AWS docs
/// use as ordinary spacing).
fn is_collapsible_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{0C}' | '\u{A0}')
}

/// Drops characters that must not appear in doc comments: control characters
/// and bidirectional overrides (rejected by rustc's
/// `text_direction_codepoint_in_comment` lint), and the byte-order mark.
fn clean_char(c: char) -> Option<char> {
    if c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
    {
        None
    } else {
        Some(c)
    }
}

/// Collects block output: finished blocks plus the paragraph in progress.
#[derive(Debug, Default)]
struct BlockCtx {
    blocks: Vec<Block>,
    inline: Inline,
}

impl BlockCtx {
    fn new() -> Self {
        BlockCtx::default()
    }

    fn flush_para(&mut self) {
        let inline = mem::take(&mut self.inline);
        let result = inline.finish();
        for para in split_hard_breaks(&result.text) {
            self.blocks.push(Block::Para(para));
        }
    }

    fn push_block(&mut self, block: Block) {
        self.flush_para();
        self.blocks.push(block);
    }

    fn finish(mut self) -> Vec<Block> {
        self.flush_para();
        self.blocks
    }
}

/// Splits inline Markdown at its `\n` hard-break markers: single breaks
/// become `\`-newline hard breaks, runs of breaks separate paragraphs. Each
/// line is trimmed and has its start escaped.
fn split_hard_breaks(text: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    for line in text.split('\n') {
        let line = line.trim_matches(' ');
        if line.is_empty() {
            if !lines.is_empty() {
                paras.push(lines.join("\\\n"));
                lines.clear();
            }
        } else {
            lines.push(escape_line_start(line));
        }
    }
    if !lines.is_empty() {
        paras.push(lines.join("\\\n"));
    }
    paras
}

/// Splits tag-free text into paragraphs at blank lines.
fn split_plain_paragraphs(text: &str) -> Vec<String> {
    let mut paras = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.chars().all(is_collapsible_space) {
            if !current.is_empty() {
                paras.push(mem::take(&mut current));
            }
        } else {
            current.push_str(line);
            current.push('\n');
        }
    }
    if !current.is_empty() {
        paras.push(current);
    }
    paras
}

// ---------------------------------------------------------------------------
// Escaping
// ---------------------------------------------------------------------------

/// Escapes plain text for Markdown/rustdoc and appends it to `out`. With
/// `autolink`, bare `http(s)://` URLs are emitted as `<url>` autolinks.
fn escape_text(raw: &str, autolink: bool, out: &mut String) {
    let chars: Vec<char> = raw.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if autolink {
            if let Some(end) = bare_url_end(&chars, i) {
                out.push('<');
                out.extend(&chars[i..end]);
                out.push('>');
                i = end;
                continue;
            }
        }
        let c = chars[i];
        match c {
            '\\' | '`' | '*' | '[' | ']' | '<' | '>' | '~' | '|' => {
                out.push('\\');
                out.push(c);
            }
            '_' => {
                let prev_word = i > 0 && chars[i - 1].is_alphanumeric();
                let next_word = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
                if !(prev_word && next_word) {
                    out.push('\\');
                }
                out.push('_');
            }
            '&' => {
                if looks_like_reference(&chars[i + 1..]) {
                    out.push('\\');
                }
                out.push('&');
            }
            _ => out.push(c),
        }
        i += 1;
    }
}

/// Whether the characters after a `&` would be read as a character reference.
fn looks_like_reference(after: &[char]) -> bool {
    let body = after.strip_prefix(&['#']).unwrap_or(after);
    let len = body
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    len > 0 && body.get(len) == Some(&';')
}

/// If a bare `http://` or `https://` URL starts at `i`, returns its end index
/// (exclusive), with trailing punctuation left out.
fn bare_url_end(chars: &[char], i: usize) -> Option<usize> {
    let scheme_len = ["https://", "http://"].iter().find_map(|scheme| {
        let n = scheme.chars().count();
        let candidate = chars.get(i..i + n)?;
        candidate
            .iter()
            .zip(scheme.chars())
            .all(|(a, b)| a.eq_ignore_ascii_case(&b))
            .then_some(n)
    })?;
    let mut end = i + scheme_len;
    while end < chars.len()
        && !chars[end].is_whitespace()
        && !matches!(chars[end], '<' | '>' | '"' | '`')
    {
        end += 1;
    }
    // A closing bracket ends the URL only if it is unbalanced within it.
    const PAIRS: [(char, char); 3] = [('(', ')'), ('[', ']'), ('{', '}')];
    let mut balance = [0i64; 3];
    for &c in &chars[i..end] {
        for (k, (open, close)) in PAIRS.iter().enumerate() {
            if c == *open {
                balance[k] += 1;
            } else if c == *close {
                balance[k] -= 1;
            }
        }
    }
    while end > i + scheme_len {
        let last = chars[end - 1];
        let strip = match PAIRS.iter().position(|(_, close)| *close == last) {
            Some(k) if balance[k] < 0 => {
                balance[k] += 1;
                true
            }
            Some(_) => false,
            None => matches!(
                last,
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '*' | '_' | '~'
            ),
        };
        if !strip {
            break;
        }
        end -= 1;
    }
    (end > i + scheme_len).then_some(end)
}

/// Escapes the start of a paragraph line so it cannot be read as a heading,
/// block quote, list item, setext underline, thematic break or definition.
/// (`>`, `*`, `_`, `<`, `` ` ``, `~`, `|` are escaped everywhere already.)
fn escape_line_start(line: &str) -> String {
    let mut chars = line.chars();
    match chars.next() {
        Some('#' | '-' | '+' | '=' | ':') => format!("\\{line}"),
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            match line.as_bytes().get(digits) {
                Some(b'.' | b')') => format!("{}\\{}", &line[..digits], &line[digits..]),
                _ => line.to_string(),
            }
        }
        _ => line.to_string(),
    }
}

/// Renders `code` as a code span whose fence is longer than any backtick run
/// inside it.
fn code_span(code: &str) -> String {
    let fence = "`".repeat(longest_backtick_run(code) + 1);
    let pad = if code.starts_with('`') || code.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{code}{pad}{fence}")
}

fn longest_backtick_run(s: &str) -> usize {
    let mut longest = 0;
    let mut current = 0;
    for c in s.chars() {
        if c == '`' {
            current += 1;
            longest = longest.max(current);
        } else {
            current = 0;
        }
    }
    longest
}

/// Percent-encodes the characters that would end or confuse a Markdown link
/// destination.
fn encode_link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '`' => out.push_str("%60"),
            c if clean_char(c).is_none() || c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Whether `url` can be written as a CommonMark autolink `<url>`.
fn is_autolinkable(url: &str) -> bool {
    let Some(colon) = url.find(':') else {
        return false;
    };
    let scheme = &url[..colon];
    let scheme_ok = (2..=32).contains(&scheme.len())
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '.' | '-'));
    scheme_ok
        && url.len() > colon + 1
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || clean_char(c).is_none())
}

// ---------------------------------------------------------------------------
// Rendering the tree
// ---------------------------------------------------------------------------

/// Elements that start and end a paragraph and whose content is rendered in
/// block context.
fn is_block_container(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "fullname"
            | "section"
            | "article"
            | "aside"
            | "header"
            | "footer"
            | "nav"
            | "main"
            | "blockquote"
            | "figure"
            | "figcaption"
            | "details"
            | "summary"
            | "table"
            | "caption"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "dt"
            | "dd"
            | "html"
            | "body"
    )
}

/// Elements that form their own block when met in block context.
fn is_block_element(name: &str) -> bool {
    is_block_container(name)
        || matches!(
            name,
            "ul" | "ol"
                | "li"
                | "dl"
                | "pre"
                | "hr"
                | "note"
                | "important"
                | "warning"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
        )
}

/// Label of a callout element such as `<note>`.
fn callout_label(name: &str) -> Option<&'static str> {
    match name {
        "note" => Some("Note:"),
        "important" => Some("Important:"),
        "warning" => Some("Warning:"),
        _ => None,
    }
}

fn is_whitespace_text(node: &Node) -> bool {
    matches!(node, Node::Text(t) if t.chars().all(is_collapsible_space))
}

/// Renders nodes in block context.
fn walk_block(nodes: &[&Node], ctx: &mut BlockCtx) {
    let mut i = 0;
    while i < nodes.len() {
        let element = match nodes[i] {
            Node::Text(text) => {
                ctx.inline.push_text(text);
                i += 1;
                continue;
            }
            Node::Element(element) => element,
        };
        let name = element.name.as_str();
        match name {
            "ul" | "ol" => {
                if let Some(list) = render_list(element) {
                    ctx.push_block(Block::List(list));
                }
            }
            "li" => {
                // List items outside of a list: gather consecutive ones.
                let mut items = Vec::new();
                let mut j = i;
                while j < nodes.len() {
                    match nodes[j] {
                        Node::Element(e) if e.name == "li" => items.push(e.child_refs()),
                        node if is_whitespace_text(node) => {}
                        _ => break,
                    }
                    j += 1;
                }
                if let Some(list) = make_list(false, 1, items) {
                    ctx.push_block(Block::List(list));
                }
                i = j;
                continue;
            }
            "dl" => {
                if let Some(list) = render_definition_list(element) {
                    ctx.push_block(Block::List(list));
                }
            }
            "pre" => {
                ctx.flush_para();
                push_code_block(ctx, element);
            }
            "code" if ctx.inline.is_blank() && is_code_block(element, &nodes[i + 1..]) => {
                ctx.flush_para();
                push_code_block(ctx, element);
            }
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                ctx.flush_para();
                render_emphasis(element, &mut ctx.inline, true);
                ctx.flush_para();
            }
            "hr" => ctx.flush_para(),
            "br" => ctx.inline.push_break(),
            "td" | "th" => {
                ctx.inline.push_space();
                walk_block(&element.child_refs(), ctx);
                ctx.inline.push_space();
            }
            _ if callout_label(name).is_some() => {
                ctx.flush_para();
                let mut sub = BlockCtx::new();
                walk_block(&element.child_refs(), &mut sub);
                let blocks = sub.finish();
                if !blocks.is_empty() {
                    let label = format!("**{}**", callout_label(name).unwrap_or_default());
                    ctx.blocks.extend(prefix_blocks(&label, blocks));
                }
            }
            _ if is_block_container(name) => {
                ctx.flush_para();
                walk_block(&element.child_refs(), ctx);
                ctx.flush_para();
            }
            _ if is_inline_formatting(name) => render_inline_element(element, &mut ctx.inline),
            _ => walk_block(&element.child_refs(), ctx),
        }
        i += 1;
    }
}

/// Prepends `prefix` to the first paragraph of `blocks` (or inserts it as a
/// paragraph of its own when the content starts with another kind of block).
fn prefix_blocks(prefix: &str, mut blocks: Vec<Block>) -> Vec<Block> {
    match blocks.first_mut() {
        Some(Block::Para(text)) => *text = format!("{prefix} {text}"),
        _ => blocks.insert(0, Block::Para(prefix.to_string())),
    }
    blocks
}

/// A `<code>` element in block context is a code block when its content spans
/// several lines and it is not followed by more inline content.
fn is_code_block(element: &Element, following: &[&Node]) -> bool {
    let mut text = String::new();
    text_content(element, true, &mut text);
    if !text.trim().contains('\n') {
        return false;
    }
    match following.iter().find(|n| !is_whitespace_text(n)) {
        None => true,
        Some(Node::Element(e)) => is_block_element(&e.name),
        Some(Node::Text(_)) => false,
    }
}

fn push_code_block(ctx: &mut BlockCtx, element: &Element) {
    let mut text = String::new();
    text_content(element, true, &mut text);
    if let Some(code) = normalize_code_block(&text) {
        ctx.push_block(Block::Code(code));
    }
}

/// Normalizes preformatted text: newlines unified, control characters
/// dropped, trailing spaces and surrounding blank lines removed, common
/// indentation stripped. When the content starts on the tag's own line, that
/// line is trimmed by itself and the rest share their own indentation
/// (`<code>{ "a":\n          "b" }</code>` keeps no source indentation).
fn normalize_code_block(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let cleaned: String = text
        .chars()
        .filter(|&c| c == '\n' || c == '\t' || clean_char(c).is_some())
        .map(|c| if c == '\u{A0}' { ' ' } else { c })
        .collect();
    let mut lines: Vec<&str> = cleaned.lines().map(str::trim_end).collect();
    let starts_on_tag_line = lines.first().is_some_and(|l| !l.trim().is_empty());
    let first = lines.iter().position(|l| !l.is_empty())?;
    let last = lines.iter().rposition(|l| !l.is_empty())?;
    lines.truncate(last + 1);
    lines.drain(..first);
    let (head, body) = if starts_on_tag_line {
        lines.split_at(1)
    } else {
        lines.split_at(0)
    };
    let indent = body
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let dedented: Vec<&str> = head
        .iter()
        .map(|l| l.trim_start_matches([' ', '\t']))
        .chain(body.iter().map(|l| l.get(indent..).unwrap_or("")))
        .collect();
    Some(dedented.join("\n"))
}

/// Concatenated text of an element; `<br>` becomes a newline or a space.
fn text_content(element: &Element, br_newline: bool, out: &mut String) {
    for child in &element.children {
        match child {
            Node::Text(text) => out.push_str(text),
            Node::Element(e) if e.name == "br" => out.push(if br_newline { '\n' } else { ' ' }),
            Node::Element(e) => text_content(e, br_newline, out),
        }
    }
}

fn is_inline_formatting(name: &str) -> bool {
    matches!(
        name,
        "b" | "strong" | "i" | "em" | "code" | "tt" | "kbd" | "samp" | "a"
    )
}

/// Renders nodes in inline context.
fn walk_inline(nodes: &[Node], inline: &mut Inline) {
    for node in nodes {
        match node {
            Node::Text(text) => inline.push_text(text),
            Node::Element(element) => render_inline_element(element, inline),
        }
    }
}

/// Renders one element in inline context.
fn render_inline_element(element: &Element, inline: &mut Inline) {
    let name = element.name.as_str();
    match name {
        "br" => inline.push_break(),
        "b" | "strong" => render_emphasis(element, inline, true),
        "i" | "em" => render_emphasis(element, inline, false),
        "code" | "tt" | "kbd" | "samp" | "pre" => render_code_span(element, inline),
        "a" => render_link(element, inline),
        "img" => {}
        _ => {
            let spaced = is_block_element(name) || matches!(name, "td" | "th");
            if spaced {
                inline.push_space();
            }
            if let Some(label) = callout_label(name) {
                inline.push_markup(&format!("**{label}**"));
                inline.push_space();
            }
            walk_inline(&element.children, inline);
            if spaced {
                inline.push_space();
            }
        }
    }
}

fn render_emphasis(element: &Element, inline: &mut Inline, bold: bool) {
    let already = if bold {
        inline.flags.bold
    } else {
        inline.flags.italic
    };
    if already {
        walk_inline(&element.children, inline);
        return;
    }
    let mut flags = inline.flags;
    if bold {
        flags.bold = true;
    } else {
        flags.italic = true;
    }
    let mut sub = Inline::nested(flags);
    walk_inline(&element.children, &mut sub);
    let result = sub.finish();
    inline.push_emphasis(&result, bold);
}

fn render_code_span(element: &Element, inline: &mut Inline) {
    let mut text = String::new();
    text_content(element, false, &mut text);
    let mut code = String::with_capacity(text.len());
    let mut lead = false;
    for c in text.chars() {
        if is_collapsible_space(c) {
            if code.is_empty() {
                lead = true;
            } else if !code.ends_with(' ') {
                code.push(' ');
            }
        } else if let Some(c) = clean_char(c) {
            code.push(c);
        }
    }
    let trail = code.ends_with(' ');
    let code = code.trim_end_matches(' ');
    if lead {
        inline.push_space();
    }
    if !code.is_empty() {
        inline.push_code(code);
    }
    if trail {
        inline.push_space();
    }
}

fn render_link(element: &Element, inline: &mut Inline) {
    let href = element
        .attr("href")
        .map(|h| h.trim_matches(is_collapsible_space))
        .unwrap_or("");
    // Only links with a `/` (and `mailto:` links) are kept: they are real
    // URLs (or paths) that rustdoc never tries to resolve as intra-doc links.
    // Anchors and bare relative names are meaningless in generated crates.
    let is_mailto = href
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("mailto:"));
    if inline.flags.link || !(href.contains('/') || is_mailto) {
        walk_inline(&element.children, inline);
        return;
    }
    let mut flags = inline.flags;
    flags.link = true;
    let mut sub = Inline::nested(flags);
    walk_inline(&element.children, &mut sub);
    let result = sub.finish();

    let mut plain = String::new();
    text_content(element, false, &mut plain);
    let plain = plain
        .split(is_collapsible_space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");

    if result.lead {
        inline.push_space();
    }
    if (result.text.is_empty() || plain == href) && is_autolinkable(href) {
        inline.push_markup(&format!("<{href}>"));
    } else if !result.text.is_empty() {
        let dest = encode_link_destination(href);
        inline.push_markup(&format!("[{}]({dest})", result.text));
    }
    if result.trail {
        inline.push_space();
    }
}

fn render_list(element: &Element) -> Option<List> {
    let ordered = element.name == "ol";
    let start = if ordered {
        element
            .attr("start")
            .and_then(|s| s.trim().parse::<u64>().ok())
            .unwrap_or(1)
            .min(MAX_LIST_START)
    } else {
        1
    };
    let mut items: Vec<Vec<&Node>> = Vec::new();
    for child in &element.children {
        match child {
            Node::Element(e) if e.name == "li" => items.push(e.child_refs()),
            node if is_whitespace_text(node) => {}
            // Stray content (often a nested `<ul>` placed directly inside the
            // outer list) belongs to the preceding item.
            node => match items.last_mut() {
                Some(last) => last.push(node),
                None => items.push(vec![node]),
            },
        }
    }
    make_list(ordered, start, items)
}

fn make_list(ordered: bool, start: u64, items: Vec<Vec<&Node>>) -> Option<List> {
    let items: Vec<Vec<Block>> = items
        .iter()
        .map(|nodes| {
            let mut sub = BlockCtx::new();
            walk_block(nodes, &mut sub);
            sub.finish()
        })
        .filter(|blocks| !blocks.is_empty())
        .collect();
    (!items.is_empty()).then_some(List {
        ordered,
        start,
        items,
    })
}

/// Renders `<dl>` as a bullet list of `**term**: description` items.
fn render_definition_list(element: &Element) -> Option<List> {
    struct Entry<'a> {
        term: Option<&'a Element>,
        descriptions: Vec<Vec<&'a Node>>,
    }
    let mut entries: Vec<Entry<'_>> = Vec::new();
    for child in &element.children {
        match child {
            Node::Element(e) if e.name == "dt" => entries.push(Entry {
                term: Some(e),
                descriptions: Vec::new(),
            }),
            Node::Element(e) if e.name == "dd" => match entries.last_mut() {
                Some(entry) => entry.descriptions.push(e.child_refs()),
                None => entries.push(Entry {
                    term: None,
                    descriptions: vec![e.child_refs()],
                }),
            },
            node if is_whitespace_text(node) => {}
            node => match entries.last_mut().and_then(|e| e.descriptions.last_mut()) {
                Some(description) => description.push(node),
                None => match entries.last_mut() {
                    Some(entry) => entry.descriptions.push(vec![node]),
                    None => entries.push(Entry {
                        term: None,
                        descriptions: vec![vec![node]],
                    }),
                },
            },
        }
    }
    let mut items = Vec::new();
    for entry in entries {
        let mut blocks = Vec::new();
        for description in &entry.descriptions {
            let mut sub = BlockCtx::new();
            walk_block(description, &mut sub);
            blocks.extend(sub.finish());
        }
        let term = entry.term.map(|term| {
            let mut sub = Inline::nested(Flags {
                bold: true,
                ..Flags::default()
            });
            walk_inline(&term.children, &mut sub);
            sub.finish().text.replace('\n', " ")
        });
        if let Some(term) = term.filter(|t| !t.is_empty()) {
            let colon = if term.ends_with(':') { "" } else { ":" };
            let label = format!("**{term}**{colon}");
            blocks = prefix_blocks(&label, blocks);
        }
        if !blocks.is_empty() {
            items.push(blocks);
        }
    }
    (!items.is_empty()).then_some(List {
        ordered: false,
        start: 1,
        items,
    })
}

// ---------------------------------------------------------------------------
// Serialization
// ---------------------------------------------------------------------------

/// Serializes blocks into lines. Inside list items a paragraph may be
/// followed directly by a nested list or code block (keeping lists tight);
/// everywhere else blocks are separated by a blank line.
fn blocks_to_lines(blocks: &[Block], in_item: bool, out: &mut Vec<String>) {
    for (i, block) in blocks.iter().enumerate() {
        if i > 0 {
            let tight = in_item
                && matches!(blocks[i - 1], Block::Para(_))
                && match block {
                    Block::Code(_) => true,
                    Block::List(list) => !list.ordered || list.start == 1,
                    Block::Para(_) => false,
                };
            if !tight {
                out.push(String::new());
            }
        }
        match block {
            Block::Para(text) => out.extend(text.split('\n').map(str::to_string)),
            Block::Code(code) => {
                let fence = "`".repeat((longest_backtick_run(code) + 1).max(3));
                out.push(format!("{fence}text"));
                out.extend(code.split('\n').map(str::to_string));
                out.push(fence);
            }
            Block::List(list) => list_to_lines(list, out),
        }
    }
}

fn list_to_lines(list: &List, out: &mut Vec<String>) {
    for (k, item) in list.items.iter().enumerate() {
        let marker = if list.ordered {
            format!("{}. ", list.start.saturating_add(k as u64))
        } else {
            "- ".to_string()
        };
        let pad = " ".repeat(marker.len());
        let mut lines = Vec::new();
        blocks_to_lines(item, true, &mut lines);
        for (n, line) in lines.into_iter().enumerate() {
            if n == 0 {
                out.push(format!("{marker}{line}"));
            } else if line.is_empty() {
                out.push(line);
            } else {
                out.push(format!("{pad}{line}"));
            }
        }
    }
}

/// Joins lines, removing trailing whitespace, repeated blank lines and
/// leading/trailing blank lines.
fn join_lines(lines: Vec<String>) -> String {
    let mut out = String::new();
    let mut pending_blank = false;
    for line in &lines {
        let line = line.trim_end();
        if line.is_empty() {
            pending_blank = true;
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
            if pending_blank {
                out.push('\n');
            }
        }
        pending_blank = false;
        out.push_str(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::html_to_markdown as md;

    #[test]
    fn empty_and_whitespace() {
        assert_eq!(md(""), "");
        assert_eq!(md("   \n\t  "), "");
        assert_eq!(md("<p></p>"), "");
        assert_eq!(md("<p>  </p><ul><li> </li></ul><b></b><code> </code>"), "");
    }

    #[test]
    fn plain_text_is_trimmed_and_collapsed_per_paragraph() {
        assert_eq!(md("  Hello   world\n  again  "), "Hello world again");
        assert_eq!(
            md("First  para\n  continues.\n\n \n  Second para.\n"),
            "First para continues.\n\nSecond para."
        );
    }

    #[test]
    fn paragraphs() {
        assert_eq!(
            md("<p>First   paragraph\n        continues.</p>\n    <p>Second.</p>"),
            "First paragraph continues.\n\nSecond."
        );
        // Text outside of <p> still forms paragraphs.
        assert_eq!(md("Intro<p>Body</p>Outro"), "Intro\n\nBody\n\nOutro");
        // Nested/unclosed <p> does not merge paragraphs.
        assert_eq!(md("<p>a<p>b"), "a\n\nb");
    }

    #[test]
    fn fullname_is_first_paragraph() {
        assert_eq!(
            md("<fullname>Amazon Simple Storage Service</fullname>\n  <p>Stores objects.</p>"),
            "Amazon Simple Storage Service\n\nStores objects."
        );
    }

    #[test]
    fn simple_lists() {
        assert_eq!(
            md("<p>Options:</p><ul><li>one</li><li>two</li></ul>"),
            "Options:\n\n- one\n- two"
        );
        assert_eq!(md("<ol><li>one</li><li>two</li></ol>"), "1. one\n2. two");
        assert_eq!(
            md(r#"<ol start="9"><li>a</li><li>b</li></ol>"#),
            "9. a\n10. b"
        );
    }

    #[test]
    fn nested_lists_with_paragraphs_in_items() {
        let html = "
            <p>Valid values:</p>
            <ul>
               <li>
                  <p>
                     <code>A</code> - first
                  </p>
               </li>
               <li>
                  <p>Second</p>
                  <ul>
                     <li><p>inner one</p></li>
                     <li><p>inner two</p></li>
                  </ul>
               </li>
               <li><p>Third</p></li>
            </ul>
            <p>After.</p>";
        assert_eq!(
            md(html),
            "Valid values:\n\n- `A` - first\n- Second\n  - inner one\n  - inner two\n- Third\n\nAfter."
        );
    }

    #[test]
    fn ordered_list_nesting_indents_by_marker_width() {
        assert_eq!(
            md("<ol><li>a<ul><li>b<ol><li>c</li></ol></li></ul></li></ol>"),
            "1. a\n   - b\n     1. c"
        );
    }

    #[test]
    fn item_with_multiple_paragraphs() {
        assert_eq!(
            md("<ul><li><p>One.</p><p>More.</p></li><li>Two</li></ul>"),
            "- One.\n\n  More.\n- Two"
        );
    }

    #[test]
    fn malformed_lists() {
        // Unclosed <li>s.
        assert_eq!(md("<ul><li>a<li>b</ul>"), "- a\n- b");
        // A <ul> placed directly in a <ul> nests under the previous item.
        assert_eq!(
            md("<ul><li>a</li><ul><li>b</li></ul><li>c</li></ul>"),
            "- a\n  - b\n- c"
        );
        // Orphan <li>s become a list.
        assert_eq!(md("<p>x</p><li>a</li> <li>b</li>"), "x\n\n- a\n- b");
        // Item text that looks like a list marker stays text.
        assert_eq!(
            md("<ul><li>- a</li><li>1. b</li></ul>"),
            "- \\- a\n- 1\\. b"
        );
    }

    #[test]
    fn inline_code() {
        assert_eq!(
            md("<p>Call <code>GetObject</code>.</p>"),
            "Call `GetObject`."
        );
        assert_eq!(md("<code>a`b</code>"), "``a`b``");
        assert_eq!(md("<code>`x`</code>"), "`` `x` ``");
        assert_eq!(md("<code>a ``b`` c</code>"), "```a ``b`` c```");
        // Code content is not escaped; surrounding spaces move outside.
        assert_eq!(
            md("<p>x<code> [a]_*<T>* \n </code>y</p>"),
            "x `[a]_*<T>*` y"
        );
        assert_eq!(md("<p>Use <code>&lt;T&gt;</code></p>"), "Use `<T>`");
        // Adjacent code spans merge instead of fusing their fences.
        assert_eq!(md("<code>a`</code><code>`b</code>"), "```a``b```");
        assert_eq!(
            md("<code>a</code><code>b</code> <code>c</code>"),
            "`ab` `c`"
        );
        assert_eq!(md("x`<code>y</code>`"), r"x\``y`\`");
    }

    #[test]
    fn bold_and_italic() {
        assert_eq!(
            md("<p><b>bold</b> <strong>strong</strong> <i>it</i> <em>em</em></p>"),
            "**bold** **strong** *it* *em*"
        );
        assert_eq!(md("<p>a<b> b </b>c</p>"), "a **b** c");
        assert_eq!(md("<p><b>x <i>y</i></b></p>"), "**x *y***");
        // Nested identical emphasis is not doubled.
        assert_eq!(md("<i>a <em>b</em></i>"), "*a b*");
        assert_eq!(md("<b><code>Name</code></b>"), "**`Name`**");
    }

    #[test]
    fn emphasis_falls_back_to_html_where_delimiters_would_not_flank() {
        // Ends with punctuation, followed by a word: `**` would not close.
        assert_eq!(md("<b>Note:</b>stuff"), "<strong>Note:</strong>stuff");
        assert_eq!(md("<b>Note:</b> stuff"), "**Note:** stuff");
        assert_eq!(md("<b>a.</b>, <i>b.</i>"), "**a.**, *b.*");
        // Starts with punctuation, preceded by a word: `**` would not open.
        assert_eq!(md("foo<b>(bar)</b>baz"), "foo<strong>(bar)</strong>baz");
        assert_eq!(md("foo<i>(bar)</i> baz"), "foo<em>(bar)</em> baz");
        assert_eq!(md("foo<i>bar</i>baz (<i>opt</i>)"), "foo*bar*baz (*opt*)");
        assert_eq!(md("<b><i>x.</i></b>y"), "<strong>*x.*</strong>y");
    }

    #[test]
    fn links() {
        assert_eq!(
            md(r#"<p>See <a href="https://docs.aws.amazon.com/x.html">the guide</a>.</p>"#),
            "See [the guide](https://docs.aws.amazon.com/x.html)."
        );
        assert_eq!(
            md(r#"<a href="https://example.com/a">https://example.com/a</a>"#),
            "<https://example.com/a>"
        );
        assert_eq!(
            md(r#"<a href="https://example.com/a"></a>"#),
            "<https://example.com/a>"
        );
        assert_eq!(md("<a>no href</a>"), "no href");
        assert_eq!(md(r#"<a name="x">anchor</a>"#), "anchor");
        assert_eq!(
            md(r#"<a href="mailto:a@example.com">a@example.com</a>"#),
            "[a@example.com](mailto:a@example.com)"
        );
        // Relative names/fragments could be taken as intra-doc links: text only.
        assert_eq!(
            md(r##"<a href="Foo">Foo</a> <a href="#bar">bar</a>"##),
            "Foo bar"
        );
        assert_eq!(
            md(r#"<a href=" https://x.example/a b(c) ">a <code>b</code> [c]</a>"#),
            "[a `b` \\[c\\]](https://x.example/a%20b%28c%29)"
        );
        // No nested links; URLs inside link text are not autolinked.
        assert_eq!(
            md(
                r#"<a href="https://a.example/">go https://b.example <a href="https://c.example/">c</a></a>"#
            ),
            "[go https://b.example c](https://a.example/)"
        );
    }

    #[test]
    fn line_breaks() {
        assert_eq!(md("<p>a<br>b<br/>c<br />d</p>"), "a\\\nb\\\nc\\\nd");
        assert_eq!(md("<p><br>a<br></p>"), "a");
        assert_eq!(md("<p>a<br><br>b</p>"), "a\n\nb");
        assert_eq!(md("<ul><li>a<br>b</li></ul>"), "- a\\\n  b");
        assert_eq!(md("<p>x<br># y</p>"), "x\\\n\\# y");
    }

    #[test]
    fn notes_and_important() {
        assert_eq!(
            md("<p>Intro.</p><note><p>Careful.</p></note>"),
            "Intro.\n\n**Note:** Careful."
        );
        assert_eq!(md("<note>Careful.</note>"), "**Note:** Careful.");
        assert_eq!(
            md("<important><p>First.</p><p>Second.</p></important>"),
            "**Important:** First.\n\nSecond."
        );
        assert_eq!(md("<note><ul><li>x</li></ul></note>"), "**Note:**\n\n- x");
        assert_eq!(md("<note> </note>"), "");
    }

    #[test]
    fn code_blocks() {
        assert_eq!(
            md("<p>Example:</p><pre><code>\n    {\n      \"a\": [1]\n    }\n</code></pre>"),
            "Example:\n\n```text\n{\n  \"a\": [1]\n}\n```"
        );
        assert_eq!(md("<pre>a```b</pre>"), "````text\na```b\n````");
        assert_eq!(md("<pre>a<br>b &lt;c&gt;</pre>"), "```text\na\nb <c>\n```");
        // A multi-line <code> standing alone is a block too.
        assert_eq!(
            md("<p>x</p><code>line1\n  line2</code><p>y</p>"),
            "x\n\n```text\nline1\nline2\n```\n\ny"
        );
        // ...but not when it is part of running text.
        assert_eq!(md("<code>a\nb</code> c"), "`a b` c");
        assert_eq!(
            md("<ul><li>x<pre>code\n  more</pre></li></ul>"),
            "- x\n  ```text\n  code\n  more\n  ```"
        );
        assert_eq!(md("<pre>  \n </pre>"), "");
        // Content starting on the tag line: source indentation of the
        // following lines is dropped, relative indentation kept.
        assert_eq!(
            md(
                "<p><code>{ \"a\": 1,\n          \"b\": {\n            \"c\": 2 }\n          }</code></p>"
            ),
            "```text\n{ \"a\": 1,\n\"b\": {\n  \"c\": 2 }\n}\n```"
        );
        assert_eq!(
            md("<pre>fn f() {\n    x\n}</pre>"),
            "```text\nfn f() {\n    x\n}\n```"
        );
    }

    #[test]
    fn definition_lists() {
        assert_eq!(
            md("<dl><dt>Term</dt><dd><p>Meaning.</p></dd><dt>Other:</dt><dd>More</dd></dl>"),
            "- **Term**: Meaning.\n- **Other:** More"
        );
        assert_eq!(
            md("<dl><dt>a<dd>b<dt>c<dd>d</dl>"),
            "- **a**: b\n- **c**: d"
        );
        assert_eq!(md("<dl><dd>lonely</dd></dl>"), "- lonely");
    }

    #[test]
    fn entities() {
        assert_eq!(
            md("<p>&lt;a&gt; &amp; &quot;q&quot; &#39;s&#39; &apos; &#x41;&#X42;&#67; &mdash;</p>"),
            "\\<a\\> & \"q\" 's' ' ABC —"
        );
        assert_eq!(md("a&nbsp;&nbsp;b"), "a b");
        // Unknown, malformed and out-of-range references.
        assert_eq!(
            md("&bogus; &#xZZ; &#1114112; &#0; AT&T &"),
            "\\&bogus; \\&#xZZ; \u{FFFD} \u{FFFD} AT&T &"
        );
        // A decoded reference must not be decoded again by Markdown.
        assert_eq!(md("&amp;lt;"), "\\&lt;");
        assert_eq!(md("<![CDATA[<b>x</b>]]>"), "\\<b\\>x\\</b\\>");
    }

    #[test]
    fn escapes_markdown_in_text() {
        assert_eq!(md("see [x] and [y](z)"), "see \\[x\\] and \\[y\\](z)");
        assert_eq!(md("List&lt;T&gt;"), "List\\<T\\>");
        assert_eq!(md("a_b_ _c snake_case"), "a_b\\_ \\_c snake_case");
        assert_eq!(md("2 * 3 *x*"), "2 \\* 3 \\*x\\*");
        assert_eq!(md(r"C:\dir \n"), r"C:\\dir \\n");
        assert_eq!(md("a `b` c"), "a \\`b\\` c");
        assert_eq!(md("~~x~~ a|b"), "\\~\\~x\\~\\~ a\\|b");
        assert_eq!(md("<b>x</b>_y"), "**x**\\_y");
    }

    #[test]
    fn escapes_line_starts() {
        assert_eq!(md("1. not a list"), "1\\. not a list");
        assert_eq!(md("2024) year"), "2024\\) year");
        assert_eq!(md("12 monkeys"), "12 monkeys");
        assert_eq!(md("# not a heading"), "\\# not a heading");
        assert_eq!(
            md("<p>- a</p><p>+ b</p><p>&gt; c</p><p>=== d</p><p>: e</p>"),
            "\\- a\n\n\\+ b\n\n\\> c\n\n\\=== d\n\n\\: e"
        );
        assert_eq!(
            md("<p>   ----</p><p>***</p><p>___</p>"),
            "\\----\n\n\\*\\*\\*\n\n\\_\\_\\_"
        );
        assert_eq!(md("        indented code?"), "indented code?");
    }

    #[test]
    fn bare_urls_are_autolinked() {
        assert_eq!(
            md("See https://aws.amazon.com/s3/ for details."),
            "See <https://aws.amazon.com/s3/> for details."
        );
        assert_eq!(
            md("(see http://example.com/a_(b)), or https://x.example/q?a=1&b=2."),
            "(see <http://example.com/a_(b)>), or <https://x.example/q?a=1&b=2>."
        );
        assert_eq!(md("HTTPS://EXAMPLE.COM"), "<HTTPS://EXAMPLE.COM>");
        assert_eq!(md("just http:// here"), "just http:// here");
        assert_eq!(md("<code>https://a.example</code>"), "`https://a.example`");
    }

    #[test]
    fn unknown_tags_are_dropped_text_kept() {
        assert_eq!(
            md(
                r#"<p>A <span class="x">span</span> <foo bar=baz>foo</foo> <replaceable>name</replaceable></p>"#
            ),
            "A span foo name"
        );
        // Capitalised unknown "tags" are generics written in prose.
        assert_eq!(
            md("Map<String, String> and List<String>"),
            "Map\\<String, String\\> and List\\<String\\>"
        );
        assert_eq!(md("<P>Upper <B>case</B></P>"), "Upper **case**");
        assert_eq!(md("a<!-- comment -->b <!DOCTYPE html>c"), "ab c");
        assert_eq!(md("<h2>Title</h2><p>x</p>"), "**Title**\n\nx");
        assert_eq!(
            md("<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>"),
            "a b\n\nc"
        );
    }

    #[test]
    fn malformed_html() {
        assert_eq!(
            md("<p>Unclosed <b>bold <i>italic"),
            "Unclosed **bold *italic***"
        );
        assert_eq!(md("a < b > c"), "a \\< b \\> c");
        assert_eq!(md("x<y"), "x\\<y");
        assert_eq!(md("<p>stray</b> end</p></ul></p>"), "stray end");
        assert_eq!(
            md(r#"<a href="unterminated>text"#),
            r#"\<a href="unterminated\>text"#
        );
        assert_eq!(md("<"), "\\<");
        assert_eq!(md("</"), "\\</");
        assert_eq!(md("<!--"), "");
        assert_eq!(md("<p"), "\\<p");
        assert_eq!(md("& &# &#x; &;"), "& &# \\&#x; &;");
        assert_eq!(md("<b>a</i>b</b>"), "**ab**");
    }

    #[test]
    fn unicode_and_control_characters() {
        assert_eq!(md("<p>Grüße — 日本語 🎉</p>"), "Grüße — 日本語 🎉");
        assert_eq!(md("a\u{202E}b\u{0}c\u{7}d\re"), "abcd e");
        assert_eq!(md("<code>é_é</code> é_é"), "`é_é` é_é");
    }

    #[test]
    fn hostile_input_is_handled_quickly() {
        let start = std::time::Instant::now();
        let inputs = [
            "<a x=\"".repeat(20_000),
            format!("{}>", "<a x=\"".repeat(600)).repeat(30),
            "<!x".repeat(20_000),
            "<".repeat(100_000),
            format!("https://a.example/{}", ".)".repeat(50_000)),
            "<code>a</code>".repeat(2_000),
            "&#x".repeat(30_000),
            "</b".repeat(30_000),
        ];
        for input in &inputs {
            let _ = md(input);
        }
        assert!(start.elapsed() < std::time::Duration::from_secs(20));
        assert_eq!(md("https://a.example/x).)."), "<https://a.example/x>).).");
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<b><i><ul><li><p>".repeat(5_000) + "x";
        let out = md(&html);
        assert!(out.contains('x'));
    }

    /// Deterministic pseudo-random inputs built from tricky fragments.
    fn random_inputs(count: usize) -> Vec<String> {
        const FRAGMENTS: &[&str] = &[
            "<p>",
            "</p>",
            "<ul>",
            "</ul>",
            "<ol>",
            "</ol>",
            "<li>",
            "</li>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<br>",
            "<note>",
            "</note>",
            "<important>",
            "</important>",
            "<dl>",
            "<dt>",
            "<dd>",
            "</dl>",
            "<a href=\"https://e.example/x\">",
            "<a>",
            "</a>",
            "<fullname>",
            "</fullname>",
            "text",
            " ",
            "\n    ",
            "[x]",
            "<T>",
            "&lt;T&gt;",
            "a_b_",
            "*",
            "_",
            "`",
            "``",
            "\\",
            "#",
            "1.",
            "- ",
            "+",
            ">",
            "=",
            "https://aws.amazon.com/x_y",
            "http://",
            "&amp;",
            "&#x1F600;",
            "&bogus;",
            "<",
            "</",
            "<!--",
            "-->",
            "é",
            "|",
            "~",
            ":",
            "<span>",
            "</span>",
            "<h1>",
            "</h1>",
            "\t",
            "```",
            "<pre><code>",
            "</code></pre>",
            "<table><tr><td>",
            "</td></tr></table>",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..count)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len)
                    .map(|_| FRAGMENTS[(next() % FRAGMENTS.len() as u64) as usize])
                    .collect()
            })
            .collect()
    }

    #[test]
    fn output_invariants_on_random_input() {
        for input in random_inputs(3_000) {
            let out = md(&input);
            assert_eq!(out, md(&input), "deterministic for {input:?}");
            assert_eq!(out.trim(), out, "trimmed for {input:?}");
            assert!(
                !out.contains("\n\n\n"),
                "double blank line for {input:?}: {out:?}"
            );
            for line in out.lines() {
                assert_eq!(
                    line.trim_end(),
                    line,
                    "trailing space for {input:?}: {out:?}"
                );
            }
        }
    }

    /// Strings exercised by the end-to-end rustdoc test.
    fn tricky_inputs() -> Vec<String> {
        let mut inputs: Vec<String> = [
            "<p>Generic &lt;T&gt; and Vec<T> and Map<String, String> and <b>&lt;b&gt;</b></p>",
            "<p>Brackets [x], [y](z), [^1], [foo][bar], ![img](x)</p>",
            "Visit https://aws.amazon.com/s3/ or http://example.com/a_(b). Done.",
            "<p>See <a href=\"https://docs.aws.amazon.com/a b.html\">docs [1]</a> and <a href=\"Foo\">Foo</a></p>",
            "<a href=\"https://example.com/x\">https://example.com/x</a>",
            "1. not a list\n\n# not heading\n\n- nope\n\n> nope\n\n    four spaces",
            "<p>a_b_ _c_ *d* **e** `f` \\g ~h~ |i| &amp;lt; &#x26;</p>",
            "<ul><li><p>One</p></li><li><p>Two</p><ul><li>Inner <code>a`b</code></li></ul></li><li><p>P1</p><p>P2</p></li></ul>",
            "<ol><li>x<ol><li>y</li></ol></li></ol><ol start=\"5\"><li>z</li></ol>",
            "<note><p>Careful</p></note><important>Really</important>",
            "<pre><code>\n    fn main() {\n        let v: Vec<u8> = vec![1];\n    }\n</code></pre>",
            "<pre>```\nnested fence\n```</pre>",
            "<p>Unclosed <b>bold <i>italic <code>code",
            "<dl><dt>Term</dt><dd>Def with [brackets]</dd></dl>",
            "<p>line<br>2. two<br>#three</p>",
            "<code>&lt;div&gt;</code> and <code>[x]</code>",
            "<fullname>Amazon S3</fullname><p>Text.</p>",
            "</p></ul><li>orphan<li>orphan2",
            "<p>x</p><code>multi\nline &lt;html&gt;</code>",
            "<p>Email: <a href=\"mailto:a@example.com\">a@example.com</a></p>",
            "<code>a`</code><code>`b</code> x`<code>y</code>` <code>``</code>\\<code>z</code>",
            "<p>Path <a href=\"/relative/path\">rel</a> and <a href=\"#anchor\">anchor</a></p>",
            "<ul><li>- dash item</li><li>3) paren</li></ul>",
            "<p><b>Note:</b>stuff<i>x</i>y foo<i>(bar)</i>baz <b><i>x.</i></b>y</p>",
            "|a|b|\n|-|-|\n|1|2|",
            "Setext\n===",
            "<p>Text</p>\n\n\n<p>More</p>",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        inputs.extend(random_inputs(300));
        inputs
    }

    /// Builds a scratch crate whose items carry the converted docs and checks
    /// that `cargo doc` passes with `-D warnings` and that no doctest exists.
    #[test]
    fn rustdoc_accepts_converted_docs() {
        use std::fmt::Write as _;
        use std::process::Command;

        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("src")).expect("mkdir");
        std::fs::write(
            root.join("Cargo.toml"),
            "[package]\nname = \"doc_check\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n",
        )
        .expect("write Cargo.toml");
        let mut lib = String::from("//! Converted docs.\n#![warn(rustdoc::all)]\n\n");
        for (i, input) in tricky_inputs().iter().enumerate() {
            let markdown = md(input);
            for line in markdown.lines() {
                if line.is_empty() {
                    lib.push_str("///\n");
                } else {
                    writeln!(lib, "/// {line}").expect("fmt");
                }
            }
            writeln!(lib, "pub struct Item{i};\n").expect("fmt");
        }
        std::fs::write(root.join("src/lib.rs"), &lib).expect("write lib.rs");

        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
        let target = root.join("target");
        for args in [&["doc", "--no-deps"][..], &["test", "--doc"][..]] {
            let output = Command::new(&cargo)
                .args(args)
                .arg("--offline")
                .arg("--target-dir")
                .arg(&target)
                .current_dir(root)
                .env("RUSTDOCFLAGS", "-D warnings")
                .env_remove("RUSTFLAGS")
                .env_remove("CARGO_ENCODED_RUSTFLAGS")
                .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
                .env_remove("CARGO_TARGET_DIR")
                .output()
                .expect("run cargo");
            let stdout = String::from_utf8_lossy(&output.stdout);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                output.status.success(),
                "cargo {args:?} failed:\n{stderr}\n{stdout}\n--- lib.rs ---\n{lib}"
            );
            if args[0] == "test" {
                assert!(
                    stdout.contains("running 0 tests"),
                    "converted docs produced doctests:\n{stdout}\n--- lib.rs ---\n{lib}"
                );
            }
        }
    }
}
