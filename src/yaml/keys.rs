//! Mapping keys that manifests repeat in every document, borrowed instead of copied.
//!
//! A Service, an Endpoints or an EndpointSlice is mostly the same dozen keys (`apiVersion`,
//! `metadata`, `name`, `ports`, `port`...), and copying each into its own allocation was a
//! quarter of a validation run's allocations (issue 7, DHAT on 1,012 documents). Keys are
//! looked up here only when they are plain scalars: none of these words is a YAML 1.1
//! keyword, so each reads as the string it spells.

use super::Key;

/// The static copy of `text` if it is a key manifests commonly use.
pub(super) fn known(text: &str) -> Option<Key> {
    let key: &'static str = match text {
        // Every object.
        "apiVersion" => "apiVersion",
        "kind" => "kind",
        "metadata" => "metadata",
        "name" => "name",
        "namespace" => "namespace",
        "labels" => "labels",
        "annotations" => "annotations",
        "spec" => "spec",
        "items" => "items",
        "uid" => "uid",
        "resourceVersion" => "resourceVersion",
        "creationTimestamp" => "creationTimestamp",
        // Services and ports.
        "type" => "type",
        "ports" => "ports",
        "port" => "port",
        "protocol" => "protocol",
        "targetPort" => "targetPort",
        "appProtocol" => "appProtocol",
        "nodePort" => "nodePort",
        "clusterIP" => "clusterIP",
        "clusterIPs" => "clusterIPs",
        "selector" => "selector",
        "externalName" => "externalName",
        "ipFamilies" => "ipFamilies",
        "ipFamilyPolicy" => "ipFamilyPolicy",
        // Endpoints and EndpointSlices.
        "subsets" => "subsets",
        "addresses" => "addresses",
        "notReadyAddresses" => "notReadyAddresses",
        "ip" => "ip",
        "hostname" => "hostname",
        "nodeName" => "nodeName",
        "targetRef" => "targetRef",
        "addressType" => "addressType",
        "endpoints" => "endpoints",
        "conditions" => "conditions",
        "ready" => "ready",
        "serving" => "serving",
        "terminating" => "terminating",
        "zone" => "zone",
        // Labels the pattern relies on.
        "app" => "app",
        "app.kubernetes.io/name" => "app.kubernetes.io/name",
        "app.kubernetes.io/instance" => "app.kubernetes.io/instance",
        "app.kubernetes.io/managed-by" => "app.kubernetes.io/managed-by",
        "kubernetes.io/service-name" => "kubernetes.io/service-name",
        "endpointslice.kubernetes.io/managed-by" => "endpointslice.kubernetes.io/managed-by",
        _ => return None,
    };
    Some(Key::Borrowed(key))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::{resolve_plain, Value};

    #[test]
    fn a_known_key_is_the_string_it_spells_and_others_are_not_known() {
        for text in ["apiVersion", "port", "kubernetes.io/service-name", "ip"] {
            assert_eq!(known(text).as_deref(), Some(text));
            // The fast reader takes these without resolving them: they must be strings.
            assert_eq!(resolve_plain(text), Value::Str(text.to_string()));
        }
        assert_eq!(known("Port"), None);
        assert_eq!(known("yes"), None);
        assert_eq!(known(""), None);
    }
}
