//! The field-by-field reader against k8s-openapi's own `Deserialize` impls (through
//! `serde_json::Value`, with the path-keeping deserializer of `json_de.rs`), on documents
//! that use every field, and on every variant of them where one value is replaced by a
//! value of another type. Both must accept the same documents into the same objects, and
//! refuse the same ones at the same path with the same message.

use k8s_openapi::api::core::v1::{Endpoints, Service};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use serde::de::DeserializeOwned;

use crate::json_de::{self, Segment};
use crate::yaml::{documents, Limits, Node, Span, Value};

use super::{DeError, Read};

const SERVICE: &str = r#"
apiVersion: v1
kind: Service
metadata:
  name: db
  namespace: prod
  generateName: db-
  generation: 3
  deletionGracePeriodSeconds: 30
  resourceVersion: "7"
  selfLink: /api/v1/namespaces/prod/services/db
  uid: 0b6c7e2e
  labels: {app: db, tier: data}
  annotations: {note: external}
  finalizers: [a/b]
  ownerReferences:
  - {apiVersion: v1, kind: ConfigMap, name: owner, uid: u1, controller: true, blockOwnerDeletion: false}
  managedFields:
  - manager: kubectl
    operation: Apply
    apiVersion: v1
    fieldsType: FieldsV1
    subresource: status
    fieldsV1: {f:spec: {f:ports: {}}, f:list: [1, 2.5, x]}
spec:
  type: ClusterIP
  clusterIP: None
  clusterIPs: [None]
  externalIPs: [192.0.2.9]
  externalName: db.example.com
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  healthCheckNodePort: 30001
  ipFamilies: [IPv4]
  ipFamilyPolicy: SingleStack
  loadBalancerClass: example.com/lb
  loadBalancerIP: 192.0.2.10
  loadBalancerSourceRanges: [10.0.0.0/8]
  allocateLoadBalancerNodePorts: true
  publishNotReadyAddresses: false
  selector: {app: db}
  sessionAffinity: ClientIP
  sessionAffinityConfig: {clientIP: {timeoutSeconds: 600}}
  trafficDistribution: PreferClose
  ports:
  - {name: mysql, port: 3306, targetPort: 3306, protocol: TCP, appProtocol: mysql, nodePort: 30306}
  - {name: admin, port: 33062, targetPort: admin}
status:
  loadBalancer:
    ingress:
    - ip: 192.0.2.1
      hostname: lb.example.com
      ipMode: VIP
      ports: [{port: 3306, protocol: TCP, error: none}]
"#;

const ENDPOINTS: &str = r#"
apiVersion: v1
kind: Endpoints
metadata: {name: db, namespace: prod}
subsets:
- addresses:
  - ip: 192.0.2.42
    hostname: db-0
    nodeName: node-a
    targetRef: {kind: Pod, name: db-0, namespace: prod, uid: u2, apiVersion: v1, resourceVersion: "9", fieldPath: spec}
  notReadyAddresses: [{ip: 192.0.2.43}]
  ports: [{name: mysql, port: 3306, protocol: TCP, appProtocol: mysql}]
"#;

const ENDPOINT_SLICE: &str = r#"
apiVersion: discovery.k8s.io/v1
kind: EndpointSlice
metadata:
  name: db-1
  labels: {kubernetes.io/service-name: db}
addressType: IPv4
endpoints:
- addresses: [192.0.2.42]
  conditions: {ready: true, serving: true, terminating: false}
  hostname: db-0
  nodeName: node-a
  zone: zone-a
  deprecatedTopology: {topology.kubernetes.io/zone: zone-a}
  hints: {forZones: [{name: zone-a}], forNodes: [{name: node-a}]}
  targetRef: {kind: Pod, name: db-0}
ports: [{name: mysql, port: 3306, protocol: TCP, appProtocol: mysql}]
"#;

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
    json_de::from_value(&json).map_err(|e| {
        let mut path = String::new();
        for segment in &e.path {
            match segment {
                Segment::Key(k) if path.is_empty() => path.push_str(k),
                Segment::Key(k) => path.push_str(&format!(".{k}")),
                Segment::Index(i) => path.push_str(&format!("[{i}]")),
            }
        }
        (path, e.error.to_string())
    })
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
