//! YAML-UNKNOWN-FIELD: a member its type does not have, renamed to the field it most
//! likely stands for (`targetport` → `targetPort`, `protocl` → `protocol`; see
//! `object/typed/unknown.rs`). Unsafe: an applier without strict validation dropped the
//! member, so once renamed it takes effect, and the object means something else.

use crate::field_path::JsonStep;
use crate::object::UnknownField;
use crate::validate::msg::quote as quoted;

use super::edit::{Change, Edit};
use super::fix::Fix;
use super::scan::{node_at, Item};

/// The renaming fixes of every object's unknown members that have a suggestion.
pub(crate) fn unknown_field_fixes(text: &str, items: &[Item], out: &mut Vec<Fix>) {
    for item in items {
        out.extend(
            item.unknown
                .iter()
                .filter_map(|field| rename(text, item, field)),
        );
    }
}

fn rename(text: &str, item: &Item, field: &UnknownField) -> Option<Fix> {
    let meant = field.suggestion()?;
    let steps = field.steps();
    let (JsonStep::Key(key), parent) = steps.split_last()? else {
        return None;
    };
    let map = node_at(&item.node, parent)?;
    // Renaming next to the real field would write it twice.
    if map.entry(meant).is_some() {
        return None;
    }
    let entry = map.entry(key)?;
    let span = field.span();
    // Only a key written here, plainly or in plain quotes: not one merged in through `<<`
    // or an alias (its text stands elsewhere, maybe for other members too).
    if entry.key_span != span {
        return None;
    }
    // As written: `key`, `"key"` or `'key'` (not escaped, not a `? key` block).
    let written = text.get(span.start.offset..span.end.offset)?;
    let quote = written.strip_suffix(key.as_str())?;
    if !matches!(quote, "" | "\"" | "'") || written.len() != key.len() + 2 * quote.len() {
        return None;
    }
    if !written.ends_with(quote) {
        return None;
    }
    let value = entry.value.to_json().ok()?;
    let mut old = item.prefix.clone();
    old.extend(steps.iter().cloned());
    let mut new = item.prefix.clone();
    new.extend(parent.iter().cloned());
    new.push(JsonStep::Key(meant.to_string()));
    Some(Fix {
        code: "YAML-UNKNOWN-FIELD",
        path: field.path(),
        description: format!(
            "renamed {} to {}: its type has no field of that name",
            quoted(key),
            quoted(meant)
        ),
        safe: false,
        doc: item.doc,
        span,
        edits: vec![Edit {
            start: span.start.offset,
            end: span.end.offset,
            text: format!("{quote}{meant}{quote}"),
        }],
        changes: vec![Change::Remove(old), Change::Set(new, value)],
    })
}
