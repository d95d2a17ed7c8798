//! `@pattern` values are ECMA-262 regular expressions; generated crates run
//! them with `fancy-regex` (the `regex` crate's syntax plus look-around). This
//! module rewrites the ECMA constructs real models use that mean something
//! else, or nothing, in that syntax, and says whether the result compiles.
//!
//! - `\w`, `\d` (and `\W`, `\D` outside classes) are ASCII in ECMA-262 but
//!   Unicode in `regex`; they become `[[:word:]]`, `[0-9]` (which also keeps
//!   the compiled automaton small: `[\w-]{1,2048}` over Unicode is too big).
//! - `\uD800\uDC00`-style surrogate pairs (ECMA strings are UTF-16) become the
//!   code point they stand for; other `\uXXXX` become `\x{XXXX}`.
//! - `\p{XDigit}` (a Java class) becomes `[0-9A-Fa-f]`; `\p{all}` any character.
//! - In a class, a `-` next to a class escape (`[\s-_]`) is a literal `-`.
//!
//! Anything else is passed through unchanged.

/// The model's pattern in the syntax generated crates compile.
pub fn to_rust_syntax(pattern: &str) -> String {
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut in_class = false;
    // Whether the last thing written inside a class was a class escape such as
    // `\s` (so a following `-` cannot start a range).
    let mut after_class_escape = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' if i + 1 < chars.len() => {
                let e = chars[i + 1];
                i += 2;
                let mut class_escape = true;
                match e {
                    'w' => out.push_str(if in_class { "[:word:]" } else { "[[:word:]]" }),
                    'd' => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                    'W' if !in_class => out.push_str("[^[:word:]]"),
                    'D' if !in_class => out.push_str("[^0-9]"),
                    's' | 'S' | 'W' | 'D' => {
                        out.push('\\');
                        out.push(e);
                    }
                    'p' | 'P' if chars.get(i) == Some(&'{') => {
                        let end = chars[i..].iter().position(|&x| x == '}').map(|p| i + p);
                        let name: String = match end {
                            Some(end) => chars[i + 1..end].iter().collect(),
                            None => String::new(),
                        };
                        let negated = e == 'P';
                        let replacement = match name.as_str() {
                            "XDigit" => Some("0-9A-Fa-f"),
                            "all" => Some("\\s\\S"),
                            _ => None,
                        };
                        match (replacement, end) {
                            (Some(set), Some(end)) => {
                                let neg = if negated { "^" } else { "" };
                                if in_class && !negated {
                                    out.push_str(set);
                                } else {
                                    out.push_str(&format!("[{neg}{set}]"));
                                }
                                i = end + 1;
                            }
                            _ => {
                                out.push('\\');
                                out.push(e);
                            }
                        }
                    }
                    'u' => {
                        class_escape = false;
                        match (hex4(&chars, i), escaped_unit(&chars, i + 4)) {
                            (Some(high @ 0xD800..=0xDBFF), Some(low @ 0xDC00..=0xDFFF)) => {
                                let cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
                                out.push_str(&format!("\\x{{{cp:X}}}"));
                                i += 10;
                            }
                            // A lone surrogate (or a range of them, `\uDBFF-\uDC00`)
                            // matches half of a UTF-16 pair; in UTF-8 text that
                            // is any supplementary character.
                            (Some(0xD800..=0xDFFF), _) => {
                                i += 4;
                                let range_to_surrogate = chars.get(i) == Some(&'-')
                                    && escaped_unit(&chars, i + 1)
                                        .is_some_and(|c| (0xD800..=0xDFFF).contains(&c));
                                if range_to_surrogate {
                                    i += 7;
                                }
                                out.push_str(if in_class {
                                    "\\x{10000}-\\x{10FFFF}"
                                } else {
                                    "[\\x{10000}-\\x{10FFFF}]"
                                });
                            }
                            (Some(cp), _) => {
                                out.push_str(&format!("\\x{{{cp:X}}}"));
                                i += 4;
                            }
                            (None, _) => out.push_str("\\u"),
                        }
                    }
                    other => {
                        class_escape = false;
                        out.push('\\');
                        out.push(other);
                    }
                }
                after_class_escape = in_class && class_escape;
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '-' if in_class
                && (after_class_escape
                    || (chars.get(i + 1) == Some(&'\\')
                        && chars
                            .get(i + 2)
                            .is_some_and(|x| matches!(x, 's' | 'S' | 'w' | 'W' | 'd' | 'D')))) =>
            {
                out.push_str("\\-");
            }
            '[' => out.push_str("\\["),
            other => out.push(other),
        }
        after_class_escape = false;
        i += 1;
    }
    out
}

/// The UTF-16 code unit of a `\uXXXX` escape starting at `chars[at]`.
fn escaped_unit(chars: &[char], at: usize) -> Option<u32> {
    let is_escape = chars.get(at) == Some(&'\\') && chars.get(at + 1) == Some(&'u');
    if is_escape { hex4(chars, at + 2) } else { None }
}

/// The four hex digits at `chars[i..i + 4]` as a number.
fn hex4(chars: &[char], i: usize) -> Option<u32> {
    let text: String = chars.get(i..i + 4)?.iter().collect();
    if text.len() == 4 && text.chars().all(|c| c.is_ascii_hexdigit()) {
        u32::from_str_radix(&text, 16).ok()
    } else {
        None
    }
}

/// Why `pattern` (already in Rust syntax) cannot be compiled by generated
/// crates, if it cannot.
pub fn compile_problem(pattern: &str) -> Option<String> {
    fancy_regex::Regex::new(pattern)
        .err()
        .map(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ecma_constructs_are_rewritten() {
        let cases = [
            (r"^[\w-]{1,64}$", r"^[[:word:]\-]{1,64}$"),
            (r"^[a-z_-]+$", r"^[a-z_-]+$"),
            (r"^\d{12}$", r"^[0-9]{12}$"),
            (r"^[a-zA-Z0-9\s-_()\[\]]+$", r"^[a-zA-Z0-9\s\-_()\[\]]+$"),
            (r"^\p{XDigit}{8}$", r"^[0-9A-Fa-f]{8}$"),
            (r"^[\p{all}]*$", r"^[\s\S]*$"),
            (
                r"^[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*$",
                r"^[\x{20}-\x{D7FF}\x{E000}-\x{FFFD}\x{10000}-\x{10FFFF}\t]*$",
            ),
            (
                r"^(?!\s*$)[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDBFF-\uDC00\uDFFF\t\r\n]*$",
                r"^(?!\s*$)[\x{20}-\x{D7FF}\x{E000}-\x{FFFD}\x{10000}-\x{10FFFF}\x{10000}-\x{10FFFF}\x{10000}-\x{10FFFF}\t\r\n]*$",
            ),
            (r"^(?!aws:)[a-z]+$", r"^(?!aws:)[a-z]+$"),
            (r"^[^\W]$", r"^[^\W]$"),
        ];
        for (ecma, rust) in cases {
            assert_eq!(to_rust_syntax(ecma), rust, "{ecma}");
            assert_eq!(compile_problem(rust), None, "{rust}");
        }
    }

    #[test]
    fn what_still_does_not_compile_is_explained() {
        let problem = compile_problem(&to_rust_syntax(r"^(\/(?!\.)+x)$")).expect("a problem");
        assert!(problem.contains("repeat"), "{problem}");
    }
}
