//! The field-by-field reader against k8s-openapi's own `Deserialize` impls (through
//! `serde_json::Value`, with the path-keeping deserializer of `json_de.rs`), on documents
//! that use every field, and on every variant of them where one value is replaced by a
//! value of another type. Both must accept the same documents into the same objects, and
//! refuse the same ones at the same path with the same message.

use k8s_openapi::api::core::v1::{Endpoints, Service};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use serde::de::DeserializeOwned;

use crate::json_de;
use crate::object::{decode, Decoded, Object};
use crate::yaml::{documents, Limits, Node, Span, Value};

use super::{DeError, Read};
use crate::object::samples::{ENDPOINTS, ENDPOINT_SLICE, SERVICE};

fn root(text: &str) -> Node {
    documents(text, &Limits::default())
        .next()
        .unwrap()
        .root
        .unwrap()
}

/// Outcome: the object, or (path, message).
type Outcome<T> = Result<T, (String, String)>;

fn ours<T>(node: &Node, read: fn(&Node) -> Read<T>) -> Outcome<T> {
    read(node).map_err(|e: DeError| (e.path(), e.message().to_string()))
}

fn theirs<T: DeserializeOwned>(node: &Node) -> Outcome<T> {
    let json = node.to_json().map_err(|(_, m)| (String::new(), m))?;
    json_de::from_value(&json)
        .map_err(|e| (crate::field_path::dotted(&e.path), e.error.to_string()))
}

/// Where each node is: the keys and indexes from the root.
#[derive(Clone, Debug)]
enum Step {
    Key(usize),
    Index(usize),
}

fn all_paths(node: &Node, here: &mut Vec<Step>, out: &mut Vec<Vec<Step>>) {
    match &node.value {
        Value::Map(entries) => {
            for (i, e) in entries.iter().enumerate() {
                here.push(Step::Key(i));
                out.push(here.clone());
                all_paths(&e.value, here, out);
                here.pop();
            }
        }
        Value::Seq(items) => {
            for (i, item) in items.iter().enumerate() {
                here.push(Step::Index(i));
                out.push(here.clone());
                all_paths(item, here, out);
                here.pop();
            }
        }
        _ => {}
    }
}

fn node_at<'a>(node: &'a mut Node, path: &[Step]) -> &'a mut Node {
    let Some((first, rest)) = path.split_first() else {
        return node;
    };
    let next = match (first, &mut node.value) {
        (Step::Key(i), Value::Map(entries)) => &mut entries[*i].value,
        (Step::Index(i), Value::Seq(items)) => &mut items[*i],
        _ => unreachable!("paths come from the tree"),
    };
    node_at(next, rest)
}

fn replacements(span: Span) -> Vec<Node> {
    let leaf = |value| Node { value, span };
    vec![
        leaf(Value::Null),
        leaf(Value::Bool(true)),
        leaf(Value::Int(5)),
        leaf(Value::Int(-1)),
        leaf(Value::Int(5_000_000_000)),
        leaf(Value::Float(1.5)),
        leaf(Value::Float(80.0)),
        leaf(Value::Float(f64::INFINITY)),
        leaf(Value::Str("abc".into())),
        leaf(Value::Str("2024-01-02T03:04:05Z".into())),
        leaf(Value::Seq(vec![leaf(Value::Str("a".into()))])),
        leaf(Value::Seq(Vec::new())),
        leaf(Value::Map(Vec::new())),
    ]
}

/// Compares both readers on `text` and on every one-value variant of it; returns how many
/// variants were compared.
fn compare<T: DeserializeOwned + PartialEq + std::fmt::Debug>(
    text: &str,
    read: fn(&Node) -> Read<T>,
) -> usize {
    let original = root(text);
    let whole = ours(&original, read);
    assert!(whole.is_ok(), "{whole:?}");
    assert_eq!(whole, theirs::<T>(&original));
    let mut paths = Vec::new();
    all_paths(&original, &mut Vec::new(), &mut paths);
    // `apiVersion` and `kind` are `decode`'s, checked before a reader runs.
    paths.retain(|p| p.len() > 1 || !matches!(p[0], Step::Key(0 | 1)));
    let mut compared = 0;
    for path in &paths {
        let span = node_at(&mut original.clone(), path).span;
        for replacement in replacements(span) {
            let mut variant = original.clone();
            *node_at(&mut variant, path) = replacement.clone();
            let (a, b) = (ours(&variant, read), theirs::<T>(&variant));
            let what = format!("{path:?} = {:?}", replacement.value);
            match (&a, &b) {
                (Ok(x), Ok(y)) => assert_eq!(x, y, "{what}"),
                // Go reads a `null` element or map value as the zero value; k8s-openapi
                // refuses it (`null_is_the_zero_value` checks ours).
                (Ok(_), Err((_, m)))
                    if matches!(replacement.value, Value::Null)
                        && m.starts_with("invalid type: null") => {}
                // JSON has no infinity: there is no JSON document to compare against.
                (Err((_, m)), Err((p, _))) if p.is_empty() && m.contains("inf cannot") => {}
                // k8s-openapi's `Time` is read with the date-time library jiff; ours is
                // `time.rs`, whose wording is checked by its own tests. Where a time is
                // wrong, the path must agree.
                (Err((p, _)), Err((q, _))) if is_time(p) => assert_eq!(p, q, "{what}"),
                _ => assert_eq!(a, b, "{what}"),
            }
            compared += 1;
        }
    }
    compared
}

fn is_time(path: &str) -> bool {
    ["Timestamp", ".time", "lastTransitionTime"]
        .iter()
        .any(|t| path.contains(t))
}

#[test]
fn reads_as_k8s_openapi_reads_every_field_and_every_mistyped_value() {
    let compared = compare::<Service>(SERVICE, super::service)
        + compare::<Endpoints>(ENDPOINTS, super::endpoints)
        + compare::<EndpointSlice>(ENDPOINT_SLICE, super::endpoint_slice);
    // Every node of the three documents, 13 replacements each.
    assert!(compared > 1500, "{compared}");
}

/// `null` is Go's "not present": a field stays unset, a list element or map value is the
/// zero value (encoding/json: "unmarshaling a JSON null into any other Go type has no
/// effect on the value and produces no error").
#[test]
fn null_is_the_zero_value() {
    let text = "apiVersion: discovery.k8s.io/v1\nkind: EndpointSlice\nmetadata:\n  name: db-1\n  labels: {app: }\naddressType: IPv4\nendpoints:\n- addresses: [~]\n  conditions: ~\n- ~\nports: [~, {port: ~}]\n";
    let slice = super::endpoint_slice(&root(text)).unwrap();
    let labels = slice.metadata.labels.unwrap();
    assert_eq!(labels.get("app").map(String::as_str), Some(""));
    let endpoints = slice.endpoints.unwrap();
    assert_eq!(endpoints[0].addresses, vec![String::new()]);
    assert_eq!(endpoints[0].conditions, None);
    assert_eq!(endpoints[1], Default::default());
    assert_eq!(slice.ports.unwrap(), vec![Default::default(); 2]);
    // A time stays required, as k8s-openapi has it.
    let text =
        "apiVersion: v1\nkind: Service\nstatus: {conditions: [{type: A, lastTransitionTime: ~}]}\n";
    let err = super::service(&root(text)).unwrap_err();
    assert_eq!(err.path(), "status.conditions[0].lastTransitionTime");
    assert_eq!(
        err.message(),
        "invalid type: null, expected a timestamp string"
    );
}

fn decoded(text: &str) -> Result<Object, (String, String)> {
    let doc = documents(text, &Limits::default()).next().unwrap();
    match decode(&doc.root.unwrap()) {
        Decoded::Object(o, _) => Ok(o),
        Decoded::Invalid(e) => Err((e.path, e.message)),
        other => panic!("{other:?}"),
    }
}

/// What `kubectl get -o yaml` prints reads as k8s-openapi reads its JSON.
#[test]
fn reads_what_k8s_openapi_reads() {
    let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n  creationTimestamp: \"2024-01-02T03:04:05Z\"\n  managedFields:\n  - manager: kubectl\n    operation: Apply\n    time: \"2024-01-02T03:04:05Z\"\n    fieldsType: FieldsV1\n    fieldsV1: {f:spec: {}}\nspec:\n  ports: [{port: 80}]\nstatus:\n  loadBalancer: {}\n  conditions:\n  - type: A\n    status: \"True\"\n    lastTransitionTime: \"2024-01-02T03:04:06+01:00\"\n";
    let json: serde_json::Value = serde_json::json!({
        "apiVersion": "v1", "kind": "Service",
        "metadata": {"name": "db", "creationTimestamp": "2024-01-02T03:04:05Z",
            "managedFields": [{"manager": "kubectl", "operation": "Apply",
                "time": "2024-01-02T03:04:05Z", "fieldsType": "FieldsV1",
                "fieldsV1": {"f:spec": {}}}]},
        "spec": {"ports": [{"port": 80}]},
        "status": {"loadBalancer": {}, "conditions": [{"type": "A", "status": "True",
            "lastTransitionTime": "2024-01-02T03:04:06+01:00"}]},
    });
    let expected = Object::Service(Box::new(serde_json::from_value(json).unwrap()));
    assert_eq!(decoded(text).unwrap(), expected);
}

#[test]
fn errors_keep_k8s_openapi_wording() {
    let cases = [
        (
            "metadata: [a]",
            "metadata",
            "invalid type: sequence, expected ObjectMeta",
        ),
        (
            "metadata: 5",
            "metadata",
            "invalid type: integer `5`, expected ObjectMeta",
        ),
        (
            "metadata: {creationTimestamp: 5}",
            "metadata.creationTimestamp",
            "invalid type: integer `5`, expected a timestamp string",
        ),
        (
            "status: {conditions: [{type: A}]}",
            "status.conditions[0]",
            "missing field `lastTransitionTime`",
        ),
        (
            "status: {conditions: [{lastTransitionTime: x}]}",
            "status.conditions[0].lastTransitionTime",
            "\"x\" is not an RFC 3339 time such as \"2006-01-02T15:04:05Z\"",
        ),
    ];
    for (body, path, message) in cases {
        let text = format!("apiVersion: v1\nkind: Service\n{body}\n");
        let (p, m) = decoded(&text).expect_err(body);
        assert_eq!(
            (p.as_str(), m.as_str()),
            (path, format!("{path}: {message}").as_str()),
            "{body}"
        );
    }
}

/// Every name in a reader's `<TYPE>_FIELDS` is one its `match` reads (else it would be
/// neither decoded nor reported), and a name outside the list is reported as unknown.
#[test]
fn field_lists_agree_with_the_readers() {
    use super::*;
    fn check<T>(fields: &[&str], read: fn(&Node) -> Read<T>) {
        for name in fields {
            let _ = read(&root(&format!("{{{name}: null}}")));
            let found = unknown::take();
            assert!(found.is_empty(), "{name}: {found:?}");
        }
        let _ = read(&root("{notAField: null}"));
        assert_eq!(unknown::take().len(), 1, "{fields:?}");
    }
    check(SERVICE_FIELDS, service);
    check(ENDPOINTS_FIELDS, endpoints);
    check(ENDPOINT_SLICE_FIELDS, endpoint_slice);
    check(OBJECT_META_FIELDS, object_meta);
    check(MANAGED_FIELDS_ENTRY_FIELDS, managed_fields_entry);
    check(OWNER_REFERENCE_FIELDS, owner_reference);
    check(CONDITION_FIELDS, condition);
    check(OBJECT_REFERENCE_FIELDS, object_reference);
    check(SERVICE_SPEC_FIELDS, service_spec);
    check(SERVICE_PORT_FIELDS, service_port);
    check(SESSION_AFFINITY_CONFIG_FIELDS, session_affinity_config);
    check(CLIENT_IP_CONFIG_FIELDS, client_ip_config);
    check(SERVICE_STATUS_FIELDS, service_status);
    check(LOAD_BALANCER_STATUS_FIELDS, load_balancer_status);
    check(LOAD_BALANCER_INGRESS_FIELDS, load_balancer_ingress);
    check(PORT_STATUS_FIELDS, port_status);
    check(ENDPOINT_SUBSET_FIELDS, endpoint_subset);
    check(ENDPOINT_ADDRESS_FIELDS, endpoint_address);
    check(CORE_ENDPOINT_PORT_FIELDS, core_endpoint_port);
    check(ENDPOINT_FIELDS, endpoint);
    check(ENDPOINT_CONDITIONS_FIELDS, endpoint_conditions);
    check(ENDPOINT_HINTS_FIELDS, endpoint_hints);
    check(FOR_NODE_FIELDS, for_node);
    check(FOR_ZONE_FIELDS, for_zone);
    check(ENDPOINT_PORT_FIELDS, endpoint_port);
}

/// The field lists are k8s-openapi's: its generated `Deserialize` impls name every field
/// of their type to `deserialize_struct`, which `FieldNames` records. A field a
/// k8s-openapi upgrade adds fails here instead of becoming a false YAML-UNKNOWN-FIELD.
#[test]
fn field_lists_are_k8s_openapis() {
    use super::*;
    use serde::de::{Deserializer, Visitor};

    #[derive(Debug)]
    struct FieldNames(Vec<&'static str>);
    impl std::fmt::Display for FieldNames {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }
    impl std::error::Error for FieldNames {}
    impl serde::de::Error for FieldNames {
        fn custom<T: std::fmt::Display>(_: T) -> Self {
            FieldNames(Vec::new())
        }
    }
    struct Capture;
    impl<'de> Deserializer<'de> for Capture {
        type Error = FieldNames;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, FieldNames> {
            Err(FieldNames(Vec::new()))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, FieldNames> {
            Err(FieldNames(fields.to_vec()))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes
            byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map enum
            identifier ignored_any
        }
    }
    fn check<T: DeserializeOwned>(ours: &[&str]) {
        let mut theirs = match T::deserialize(Capture) {
            Err(FieldNames(names)) => names,
            Ok(_) => unreachable!(),
        };
        let mut ours = ours.to_vec();
        theirs.sort_unstable();
        ours.sort_unstable();
        assert_eq!(ours, theirs, "{}", std::any::type_name::<T>());
    }
    use k8s_openapi::api::core::v1 as core;
    use k8s_openapi::api::discovery::v1 as discovery;
    use k8s_openapi::apimachinery::pkg::apis::meta::v1 as meta;
    check::<Service>(SERVICE_FIELDS);
    check::<Endpoints>(ENDPOINTS_FIELDS);
    check::<EndpointSlice>(ENDPOINT_SLICE_FIELDS);
    check::<meta::ObjectMeta>(OBJECT_META_FIELDS);
    check::<meta::ManagedFieldsEntry>(MANAGED_FIELDS_ENTRY_FIELDS);
    check::<meta::OwnerReference>(OWNER_REFERENCE_FIELDS);
    check::<meta::Condition>(CONDITION_FIELDS);
    check::<core::ObjectReference>(OBJECT_REFERENCE_FIELDS);
    check::<core::ServiceSpec>(SERVICE_SPEC_FIELDS);
    check::<core::ServicePort>(SERVICE_PORT_FIELDS);
    check::<core::SessionAffinityConfig>(SESSION_AFFINITY_CONFIG_FIELDS);
    check::<core::ClientIPConfig>(CLIENT_IP_CONFIG_FIELDS);
    check::<core::ServiceStatus>(SERVICE_STATUS_FIELDS);
    check::<core::LoadBalancerStatus>(LOAD_BALANCER_STATUS_FIELDS);
    check::<core::LoadBalancerIngress>(LOAD_BALANCER_INGRESS_FIELDS);
    check::<core::PortStatus>(PORT_STATUS_FIELDS);
    check::<core::EndpointSubset>(ENDPOINT_SUBSET_FIELDS);
    check::<core::EndpointAddress>(ENDPOINT_ADDRESS_FIELDS);
    check::<core::EndpointPort>(CORE_ENDPOINT_PORT_FIELDS);
    check::<discovery::Endpoint>(ENDPOINT_FIELDS);
    check::<discovery::EndpointConditions>(ENDPOINT_CONDITIONS_FIELDS);
    check::<discovery::EndpointHints>(ENDPOINT_HINTS_FIELDS);
    check::<discovery::ForNode>(FOR_NODE_FIELDS);
    check::<discovery::ForZone>(FOR_ZONE_FIELDS);
    check::<discovery::EndpointPort>(ENDPOINT_PORT_FIELDS);
}

/// The samples use every field of every type, and free-form maps (labels, annotations,
/// selector, deprecatedTopology, fieldsV1) with keys of their own: none is unknown.
#[test]
fn samples_have_no_unknown_fields() {
    for text in [SERVICE, ENDPOINTS, ENDPOINT_SLICE] {
        match decode(&root(text)) {
            Decoded::Object(_, unknown) => assert!(unknown.is_empty(), "{unknown:?}"),
            other => panic!("{other:?}"),
        }
    }
}
