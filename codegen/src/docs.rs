//! HTML documentation to Markdown (placeholder until the converter lands).

/// Converts HTML documentation to Markdown.
pub fn html_to_markdown(html: &str) -> String {
    html.trim().to_string()
}
