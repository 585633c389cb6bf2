//! Stage 4: pretty-print the emitted tokens of a file, item by item.
//!
//! `prettyplease` keeps no blank lines, so items are printed one by one and separated by a
//! blank line, as a person would write them; consecutive `use` items stay together, and so do
//! consecutive declarations of modules in their own files (`mod customers_add;`). A file's
//! items can come one at a time from an iterator, so that the tokens and syntax tree of only
//! one item are in memory at once: for an API of thousands of types, the tokens of a whole
//! models file would take several times its text.

use proc_macro2::TokenStream;

/// Formats a file: `header` (its inner attributes, imports, modules), then `items`.
pub(super) fn format_file(
    header: TokenStream,
    items: impl IntoIterator<Item = TokenStream>,
) -> Result<String, syn::Error> {
    let mut printer = Printer {
        out: String::new(),
        chunk: None,
        chunk_group: None,
        empty: syn::parse2(TokenStream::new())?,
    };
    printer.add(header, true)?;
    for item in items {
        printer.add(item, false)?;
    }
    Ok(printer.finish())
}

/// The text printed so far and the chunk being gathered: one item, or consecutive items of one
/// [`Group`].
struct Printer {
    out: String,
    chunk: Option<syn::File>,
    chunk_group: Option<Group>,
    /// A file without attributes or items, which each chunk starts as.
    empty: syn::File,
}

impl Printer {
    fn add(&mut self, tokens: TokenStream, is_header: bool) -> Result<(), syn::Error> {
        let mut file = syn::parse2::<syn::File>(tokens)?;
        let items = std::mem::take(&mut file.items);
        if is_header {
            // The inner attributes, alone, start the file.
            self.chunk = Some(file);
            self.chunk_group = None;
        }
        for item in items {
            let group = Group::of(&item);
            if group.is_none() || group != self.chunk_group {
                self.flush();
                self.chunk = Some(self.empty.clone());
            }
            self.chunk
                .as_mut()
                .expect("a chunk was just started")
                .items
                .push(item);
            self.chunk_group = group;
        }
        Ok(())
    }

    /// Prints the chunk gathered so far, after a blank line.
    fn flush(&mut self) {
        let Some(chunk) = self.chunk.take() else {
            return;
        };
        let printed = prettyplease::unparse(&chunk);
        if printed.trim().is_empty() {
            return;
        }
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        separate_associated_items(&super::wrap::doc_comments(&printed), &mut self.out);
    }

    fn finish(mut self) -> String {
        self.flush();
        self.out
    }
}

/// Items printed without blank lines between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Uses,
    /// `mod name;`, without attributes.
    ModuleFiles,
}

impl Group {
    fn of(item: &syn::Item) -> Option<Group> {
        match item {
            syn::Item::Use(_) => Some(Group::Uses),
            syn::Item::Mod(module) if module.content.is_none() && module.attrs.is_empty() => {
                Some(Group::ModuleFiles)
            }
            _ => None,
        }
    }
}

/// Puts a blank line between the items of an `impl` or `trait` block, which `prettyplease`
/// prints back to back.
fn separate_associated_items(code: &str, separated: &mut String) {
    let mut previous_closed_item = false;
    for line in code.lines() {
        let starts_item = [
            "    ///",
            "    #[",
            "    pub ",
            "    fn ",
            "    async fn ",
            "    const ",
            "    type ",
        ]
        .iter()
        .any(|start| line.starts_with(start));
        if previous_closed_item && starts_item {
            separated.push('\n');
        }
        separated.push_str(line);
        separated.push('\n');
        previous_closed_item = line == "    }";
    }
}
