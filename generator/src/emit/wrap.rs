//! Doc comments wrapped at 100 columns, as a careful writer (and rustfmt's `comment_width`)
//! would keep them: the spec's descriptions are often one line of several hundred characters.
//!
//! Only prose is wrapped: code blocks, headings, tables and lines that would change their
//! Markdown meaning if a word started a line (a `-` or `1.` beginning a list, a `#` a heading)
//! are kept as they are. A wrapped list item's or block quote's lines continue under its text,
//! or behind its `>`.

/// The widest a line of a generated file is, where a doc comment can be wrapped.
const WIDTH: usize = 100;

/// `code` with every doc comment line longer than [`WIDTH`] wrapped.
pub(super) fn doc_comments(code: &str) -> String {
    let mut out = String::with_capacity(code.len() + code.len() / 16);
    // Whether the doc block being read is inside a code fence, and which block it is.
    let mut in_fence = false;
    let mut block: Option<(usize, &str)> = None;
    for line in code.lines() {
        let Some((indent, marker, text)) = doc_line(line) else {
            block = None;
            in_fence = false;
            push_line(&mut out, line);
            continue;
        };
        if block != Some((indent, marker)) {
            block = Some((indent, marker));
            in_fence = false;
        }
        if text.trim_start().starts_with("```") {
            in_fence = !in_fence;
            push_line(&mut out, line);
            continue;
        }
        if in_fence || line.chars().count() <= WIDTH || is_block_syntax(text) {
            push_line(&mut out, line);
            continue;
        }
        let lead = format!("{}{marker} ", " ".repeat(indent));
        wrap(&mut out, &lead, text);
    }
    out
}

fn push_line(out: &mut String, line: &str) {
    out.push_str(line);
    out.push('\n');
}

/// The indentation, marker (`///` or `//!`) and text of a doc comment line.
fn doc_line(line: &str) -> Option<(usize, &str, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    let marker = ["///", "//!"]
        .into_iter()
        .find(|marker| rest.starts_with(marker))?;
    // `////` is an ordinary comment.
    let text = rest[marker.len()..].strip_prefix(' ')?;
    (!rest[marker.len()..].starts_with('/')).then_some((indent, marker, text))
}

/// Lines whose Markdown a line break would change: headings and tables.
fn is_block_syntax(text: &str) -> bool {
    let text = text.trim_start();
    text.starts_with('#') || text.starts_with('|')
}

/// Writes `text` after `lead` in lines of at most [`WIDTH`] columns where the words allow;
/// continuation lines start under the text of a list item or behind a block quote's `>`.
fn wrap(out: &mut String, lead: &str, text: &str) {
    let continuation = format!("{lead}{}", continuation_prefix(text));
    let mut line = format!("{lead}{}", leading_spaces(text));
    let mut line_has_word = false;
    for word in unbreakable_words(text) {
        let fits = line.chars().count() + 1 + word.chars().count() <= WIDTH;
        if line_has_word && !fits {
            push_line(out, line.trim_end());
            line = continuation.clone();
            line_has_word = false;
        }
        if line_has_word {
            line.push(' ');
        }
        line.push_str(&word);
        line_has_word = true;
    }
    push_line(out, line.trim_end());
}

/// The spaces a line's text starts with: a continuation line of a list item written by the
/// emitter keeps them.
fn leading_spaces(text: &str) -> &str {
    &text[..text.len() - text.trim_start_matches(' ').len()]
}

/// What the continuation lines of `text` start with: the spaces that align them under a list
/// item's text, `> ` (and those spaces) in a block quote, or the line's own leading spaces.
fn continuation_prefix(text: &str) -> String {
    let spaces = leading_spaces(text);
    let rest = &text[spaces.len()..];
    if let Some(quoted) = rest.strip_prefix("> ") {
        return format!(
            "{spaces}> {}",
            " ".repeat(list_marker_width(quoted).unwrap_or(0))
        );
    }
    match list_marker_width(rest) {
        Some(width) => format!("{spaces}{}", " ".repeat(width)),
        None => spaces.to_owned(),
    }
}

/// The width of the list marker a line starts with and the spaces after it (`- `, `12. `).
fn list_marker_width(text: &str) -> Option<usize> {
    let digits = text.chars().take_while(char::is_ascii_digit).count();
    let marker = match text[digits..].chars().next()? {
        '-' | '*' | '+' if digits == 0 => 1,
        '.' | ')' if (1..10).contains(&digits) => digits + 1,
        _ => return None,
    };
    let spaces = text[marker..].chars().take_while(|c| *c == ' ').count();
    (1..=4).contains(&spaces).then_some(marker + spaces)
}

/// The words of `text`, a word that may not start a line joined to the one before it, so that
/// the two move to the next line together rather than overflow this one.
fn unbreakable_words(text: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|word| !word.is_empty()) {
        match words.last_mut() {
            Some(previous) if starts_block(word) => {
                previous.push(' ');
                previous.push_str(word);
            }
            _ => words.push(word.to_owned()),
        }
    }
    words
}

/// Whether a word at the start of a line would begin a Markdown block (a list item, a
/// heading, a quote, a table row, a setext underline), so that no line may start with it.
fn starts_block(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    matches!(word, "-" | "*" | "+" | ">")
        || word.starts_with(['#', '>', '|', '='])
        || word.chars().all(|c| c == '-')
        || (digits > 0 && digits < 10 && matches!(&word[digits..], "." | ")"))
}

#[cfg(test)]
mod tests {
    use super::doc_comments;

    #[test]
    fn long_prose_is_wrapped_at_100_columns_under_its_marker() {
        let words = "word ".repeat(40);
        let code = format!("    /// {words}\nfn f() {{}}\n");
        let wrapped = doc_comments(&code);
        assert!(
            wrapped.lines().all(|line| line.chars().count() <= 100),
            "{wrapped}"
        );
        assert!(
            wrapped
                .lines()
                .filter(|l| l.starts_with("    /// word"))
                .count()
                >= 2
        );
        assert!(wrapped.ends_with("fn f() {}\n"));
    }

    #[test]
    fn list_items_continue_under_their_text_and_code_is_kept() {
        let item = format!("/// - {}", "item ".repeat(30));
        let fence = format!("/// ```text\n/// {}\n/// ```", "x".repeat(120));
        let wrapped = doc_comments(&format!("{item}\n{fence}\n"));
        let lines: Vec<&str> = wrapped.lines().collect();
        assert!(lines[1].starts_with("///   item"), "{wrapped}");
        assert!(wrapped.contains(&"x".repeat(120)));
    }

    #[test]
    fn a_word_that_may_not_start_a_line_moves_with_the_word_before_it() {
        let text = format!("/// {}UTC - the end", "a ".repeat(46));
        let wrapped = doc_comments(&format!("{text}\n"));
        assert!(
            wrapped.lines().all(|line| line.chars().count() <= 100),
            "{wrapped}"
        );
        assert!(
            wrapped.lines().nth(1).unwrap().starts_with("/// UTC - the"),
            "{wrapped}"
        );
    }

    #[test]
    fn no_wrapped_line_starts_a_list_or_a_heading() {
        let text = format!("/// {}at least 1. Then - more # here", "a ".repeat(46));
        let wrapped = doc_comments(&format!("{text}\n"));
        for line in wrapped.lines().skip(1) {
            let start = line.trim_start_matches("/// ").trim_start();
            assert!(
                !start.starts_with("1.") && !start.starts_with('-') && !start.starts_with('#'),
                "{wrapped}"
            );
        }
    }
}
