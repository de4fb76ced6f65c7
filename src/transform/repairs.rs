//! The repairs that follow from how the objects pair: names, namespaces, the service-name
//! label, the managed-by label and the selector. Each is derived from the parsed objects
//! (not from finding messages) and reported under the rule's catalogue code.

use crate::object::Object;
use crate::validate::names;
use crate::yaml::{Node, Span};

use super::edit::{insert_entry, insert_nested, remove_entry, replace_scalar, tight, Change, Edit};
use super::fix::Fix;
use super::pairing::{Backend, Link, Pairing, Svc, MANAGED_BY_LABEL, SERVICE_NAME_LABEL};
use super::scan::{join, node_at, Item};
use super::MANAGED_BY;
use crate::field_path::JsonStep;

/// The mirroring controller's managed-by value.
const MIRRORING_MANAGER: &str = "endpointslicemirroring-controller.k8s.io";
/// The EndpointSlice controller's managed-by value.
const CONTROLLER_MANAGER: &str = "endpointslice-controller.k8s.io";

/// Builds fixes for one object.
pub(crate) struct On<'a> {
    pub text: &'a str,
    pub item: &'a Item,
}

impl On<'_> {
    /// A fix of `code` at `path` whose `edit` makes `change` (paths relative to the object).
    #[allow(clippy::too_many_arguments)]
    pub fn fix(
        &self,
        code: &'static str,
        path: String,
        description: String,
        safe: bool,
        span: Span,
        edit: Option<Edit>,
        change: Change,
    ) -> Option<Fix> {
        let change = match change {
            Change::Set(p, v) => Change::Set(self.abs(&p), v),
            Change::Remove(p) => Change::Remove(self.abs(&p)),
        };
        Some(Fix {
            code,
            path,
            description,
            safe,
            doc: self.item.doc,
            span,
            edits: vec![edit?],
            changes: vec![change],
        })
    }

    fn abs(&self, rel: &[JsonStep]) -> Vec<JsonStep> {
        let mut p = self.item.prefix.clone();
        p.extend_from_slice(rel);
        p
    }

    /// The node at `path` (keys) within the object.
    pub fn node(&self, path: &[&str]) -> Option<&Node> {
        node_at(&self.item.node, &join(&[], path))
    }

    /// Sets the string at `map_path`.`key`: replaces it when present, inserts it when
    /// the mapping exists, or inserts the mapping too when `create_map` names its parent.
    pub fn set_string(
        &self,
        map_path: &[&str],
        key: &str,
        value: &str,
        after: &[&str],
    ) -> (Option<Edit>, Span) {
        let mut full = map_path.to_vec();
        full.push(key);
        if let Some(node) = self.node(&full) {
            return (
                replace_scalar(self.text, node, value),
                tight(self.text, node),
            );
        }
        match self.node(map_path) {
            Some(map) => (insert_entry(self.text, map, key, value, after), map.span),
            None => match map_path.split_last() {
                Some((last, parent)) => match self.node(parent) {
                    Some(p) => (insert_nested(self.text, p, last, key, value, after), p.span),
                    None => (None, self.item.node.span),
                },
                None => (None, self.item.node.span),
            },
        }
    }
}

fn string_change(path: &[&str], value: &str) -> Change {
    Change::Set(join(&[], path), serde_json::Value::from(value))
}

fn kind(b: &Backend) -> &'static str {
    if b.slice {
        "EndpointSlice"
    } else {
        "Endpoints"
    }
}

/// Fixes derived from the pairing and from the slices' labels.
pub(crate) fn pairing_fixes(text: &str, items: &[Item], p: &Pairing, out: &mut Vec<Fix>) {
    for (b, be) in p.backends.iter().enumerate() {
        let Some(item) = items.get(be.item) else {
            continue;
        };
        let on = On { text, item };
        if be.slice {
            managed_by(
                &on,
                be,
                p.links
                    .get(b)
                    .copied()
                    .flatten()
                    .and_then(|(s, _)| p.services.get(s)),
                out,
            );
        }
        let Some(Some((s, link))) = p.links.get(b) else {
            continue;
        };
        let Some(svc) = p.services.get(*s) else {
            continue;
        };
        let fix = match link {
            Link::Exact => None,
            Link::Name if !be.slice => rename_endpoints(&on, be, svc),
            Link::Name | Link::Label => label_slice(&on, be, svc, *link),
            Link::Namespace => namespace(&on, be, svc),
        };
        out.extend(fix);
    }
    for (s, svc) in p.services.iter().enumerate() {
        if svc.selector {
            out.extend(selector(text, items, p, s, svc));
        }
    }
}

fn rename_endpoints(on: &On<'_>, be: &Backend, svc: &Svc) -> Option<Fix> {
    if !names::dns1123_subdomain(&svc.name).is_empty() {
        return None;
    }
    let node = on.node(&["metadata", "name"])?;
    on.fix(
        "EP-NAME-MATCH",
        "metadata.name".into(),
        format!(
            "renamed Endpoints \"{}\" to \"{}\", the name of the selectorless Service it belongs to",
            be.name, svc.name
        ),
        true,
        tight(on.text, node),
        replace_scalar(on.text, node, &svc.name),
        string_change(&["metadata", "name"], &svc.name),
    )
}

fn label_slice(on: &On<'_>, be: &Backend, svc: &Svc, link: Link) -> Option<Fix> {
    if !names::label_value(&svc.name).is_empty() {
        return None;
    }
    let (code, description) = match link {
        Link::Name => (
            "ES-SERVICE-NAME-MATCH",
            format!(
                "set label {SERVICE_NAME_LABEL} of EndpointSlice \"{}\" to \"{}\" (was \"{}\")",
                be.name,
                svc.name,
                be.target.as_deref().unwrap_or_default()
            ),
        ),
        _ => (
            "ES-SERVICE-NAME-LABEL",
            format!(
                "added label {SERVICE_NAME_LABEL}: {} to EndpointSlice \"{}\"",
                svc.name, be.name
            ),
        ),
    };
    let (edit, span) = on.set_string(&["metadata", "labels"], SERVICE_NAME_LABEL, &svc.name, &[]);
    on.fix(
        code,
        format!("metadata.labels[{SERVICE_NAME_LABEL}]"),
        description,
        true,
        span,
        edit,
        string_change(&["metadata", "labels", SERVICE_NAME_LABEL], &svc.name),
    )
}

fn namespace(on: &On<'_>, be: &Backend, svc: &Svc) -> Option<Fix> {
    let code = if be.slice {
        "ES-NAMESPACE-MATCH"
    } else {
        "EP-NAMESPACE-MATCH"
    };
    if svc.ns_explicit {
        if !names::dns1123_label(&svc.ns).is_empty() {
            return None;
        }
        let (edit, span) = on.set_string(&["metadata"], "namespace", &svc.ns, &["name"]);
        return on.fix(
            code,
            "metadata.namespace".into(),
            format!(
                "moved {} \"{}\" to namespace \"{}\", the namespace of Service \"{}\"",
                kind(be),
                be.name,
                svc.ns,
                svc.name
            ),
            true,
            span,
            edit,
            string_change(&["metadata", "namespace"], &svc.ns),
        );
    }
    // The Service takes the context's namespace: so should its endpoints.
    let meta = on.node(&["metadata"])?;
    let node = meta.get("namespace")?;
    on.fix(
        code,
        "metadata.namespace".into(),
        format!(
            "removed namespace \"{}\" from {} \"{}\": Service \"{}\" has none (the context's namespace)",
            be.ns,
            kind(be),
            be.name,
            svc.name
        ),
        true,
        tight(on.text, node),
        remove_entry(on.text, meta, "namespace"),
        Change::Remove(join(&[], &["metadata", "namespace"])),
    )
}

fn managed_by(on: &On<'_>, be: &Backend, svc: Option<&Svc>, out: &mut Vec<Fix>) {
    let Some(node) = on.node(&["metadata", "labels", MANAGED_BY_LABEL]) else {
        return;
    };
    let code = match node.as_str() {
        // The mirroring controller deletes a slice it finds no Endpoints for.
        Some(MIRRORING_MANAGER) => "ES-MANAGED-BY-MIRRORING",
        // Harmless while the Service is selectorless; a selector added later would let
        // the EndpointSlice controller reconcile the slice away.
        Some(CONTROLLER_MANAGER) if svc.is_some_and(|s| !s.selector && !s.external_name) => {
            "ES-MANAGED-BY-RESERVED"
        }
        _ => return,
    };
    out.extend(on.fix(
        code,
        format!("metadata.labels[{MANAGED_BY_LABEL}]"),
        format!(
            "set label {MANAGED_BY_LABEL} of EndpointSlice \"{}\" to \"{MANAGED_BY}\" (was \"{}\")",
            be.name,
            node.as_str().unwrap_or_default()
        ),
        true,
        tight(on.text, node),
        replace_scalar(on.text, node, MANAGED_BY),
        string_change(&["metadata", "labels", MANAGED_BY_LABEL], MANAGED_BY),
    ));
}

/// SVC-SELECTOR-PRESENT: removing the selector changes who owns the endpoints, so it is
/// an unsafe fix (the author may have meant the Pods, and the manual endpoints are stale).
fn selector(text: &str, items: &[Item], p: &Pairing, s: usize, svc: &Svc) -> Option<Fix> {
    let manual = p.of_service(s).iter().any(|&b| {
        p.backends.get(b).is_some_and(|be| {
            let controller_slice = be.slice
                && items.get(be.item).is_some_and(|i| match &i.object {
                    Object::EndpointSlice(es) => es
                        .metadata
                        .labels
                        .as_ref()
                        .and_then(|l| l.get(MANAGED_BY_LABEL))
                        .is_some_and(|v| v == CONTROLLER_MANAGER),
                    _ => false,
                });
            !controller_slice
        })
    });
    if !manual {
        return None;
    }
    let item = items.get(svc.item)?;
    let on = On { text, item };
    let spec = on.node(&["spec"])?;
    let node = spec.get("selector")?;
    on.fix(
        "SVC-SELECTOR-PRESENT",
        "spec.selector".into(),
        format!(
            "removed the selector of Service \"{}\" so its hand-written endpoints are used instead of Pods",
            svc.name
        ),
        false,
        tight(on.text, node),
        remove_entry(text, spec, "selector"),
        Change::Remove(join(&[], &["spec", "selector"])),
    )
}
