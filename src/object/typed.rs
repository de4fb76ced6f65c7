//! Reading a YAML [`Node`] into k8s-openapi's types, field by field, with the semantics of
//! Go's `encoding/json` as the API server applies them after sigs.k8s.io/yaml's YAML→JSON
//! step: an integral float is an integer (`port: 3306.0` decodes into an int32), NaN and
//! infinities have no JSON form, unknown fields are skipped (and collected for
//! YAML-UNKNOWN-FIELD by `unknown.rs`), and of a repeated field the last one counts. `null` is "not present", as Go's decoder reads it: it leaves a field
//! unset, and a `null` list element or map value is the zero value (`labels: {app: }` is
//! the label `app=""`, which the API server stores), where k8s-openapi's own impls refuse
//! it. A `metav1.Time` is the exception: k8s-openapi requires one and so do we.
//!
//! Why not serde: k8s-openapi's generated `Deserialize` impls, driven through a generic
//! deserializer, compiled to about 19 KB of the gzipped wasm and were the decoding stage's
//! whole cost (issue 7). Here each field is one `match` arm calling a plain function.
//! Error texts keep serde's and k8s-openapi's wording (`invalid type: string "abc",
//! expected i32`; `wording.rs`), so diagnostics and the YAML-TYPE quoting fix
//! (`transform/types.rs`) read as before; `typed/tests.rs` checks the
//! results against k8s-openapi's own decoding, field by field.

use std::collections::BTreeMap;

use crate::field_path::JsonStep;
use crate::wording;
use crate::yaml::{json_integer, Node, Span, Value};
use k8s_openapi::api::core::v1::{
    ClientIPConfig, EndpointAddress, EndpointPort as CoreEndpointPort, EndpointSubset, Endpoints,
    LoadBalancerIngress, LoadBalancerStatus, ObjectReference, PortStatus, Service, ServicePort,
    ServiceSpec, ServiceStatus, SessionAffinityConfig,
};
use k8s_openapi::api::discovery::v1::{
    Endpoint, EndpointConditions, EndpointHints, EndpointPort, EndpointSlice, ForNode, ForZone,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    Condition, FieldsV1, ManagedFieldsEntry, ObjectMeta, OwnerReference, Time,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;

/// A decoding error with the span of the node it concerns and its JSON path. Boxed: every
/// value decoded travels in a `Result<_, DeError>`, so the error is kept one pointer wide.
#[derive(Debug)]
pub(crate) struct DeError(Box<Details>);

#[derive(Debug)]
struct Details {
    message: String,
    span: Option<Span>,
    /// Innermost segment first: segments are added as the error travels outwards.
    path: Vec<JsonStep>,
}

impl DeError {
    /// The JSON path as the API server's decoder prints it: `spec.ports[0].port`.
    pub(crate) fn path(&self) -> String {
        crate::field_path::dotted_innermost_first(&self.0.path)
    }

    /// What went wrong.
    pub(crate) fn message(&self) -> &str {
        &self.0.message
    }

    /// Where, when known.
    pub(crate) fn span(&self) -> Option<Span> {
        self.0.span
    }

    fn at(mut self, span: Span) -> Self {
        self.0.span.get_or_insert(span);
        self
    }

    fn within(mut self, segment: JsonStep) -> Self {
        self.0.path.push(segment);
        self
    }
}

impl std::fmt::Display for DeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0.message)
    }
}

impl std::error::Error for DeError {}

impl DeError {
    fn new(message: String) -> Self {
        DeError(Box::new(Details {
            message,
            span: None,
            path: Vec::new(),
        }))
    }
}

type Read<T> = Result<T, DeError>;

// Documents. `apiVersion` and `kind` were checked by `decode` before.
//
// Each reader's `<TYPE>_FIELDS` lists the members its `match` reads: an unknown member is
// compared with them for a "did you mean" (`unknown.rs`). `typed/tests.rs` checks that the
// lists and the readers agree.

const SERVICE_FIELDS: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];

/// A Service document.
pub(crate) fn service(root: &Node) -> Read<Service> {
    let mut out = Service::default();
    object(root, "Service", |key, v| {
        match key {
            "apiVersion" | "kind" => {}
            "metadata" => out.metadata = opt(v, object_meta)?.unwrap_or_default(),
            "spec" => out.spec = opt(v, service_spec)?,
            "status" => out.status = opt(v, service_status)?,
            _ => unknown::add(key, v, SERVICE_FIELDS),
        }
        Ok(())
    })?;
    Ok(out)
}

const ENDPOINTS_FIELDS: &[&str] = &["apiVersion", "kind", "metadata", "subsets"];

/// An Endpoints document.
pub(crate) fn endpoints(root: &Node) -> Read<Endpoints> {
    let mut out = Endpoints::default();
    object(root, "Endpoints", |key, v| {
        match key {
            "apiVersion" | "kind" => {}
            "metadata" => out.metadata = opt(v, object_meta)?.unwrap_or_default(),
            "subsets" => out.subsets = opt_list(v, endpoint_subset)?,
            _ => unknown::add(key, v, ENDPOINTS_FIELDS),
        }
        Ok(())
    })?;
    Ok(out)
}

const ENDPOINT_SLICE_FIELDS: &[&str] = &[
    "apiVersion",
    "kind",
    "metadata",
    "addressType",
    "endpoints",
    "ports",
];

/// An EndpointSlice document.
pub(crate) fn endpoint_slice(root: &Node) -> Read<EndpointSlice> {
    let mut out = EndpointSlice::default();
    object(root, "EndpointSlice", |key, v| {
        match key {
            "apiVersion" | "kind" => {}
            "metadata" => out.metadata = opt(v, object_meta)?.unwrap_or_default(),
            "addressType" => out.address_type = opt(v, string)?.unwrap_or_default(),
            "endpoints" => out.endpoints = opt_list(v, endpoint)?,
            "ports" => out.ports = opt_list(v, endpoint_port)?,
            _ => unknown::add(key, v, ENDPOINT_SLICE_FIELDS),
        }
        Ok(())
    })?;
    Ok(out)
}

// metav1

const OBJECT_META_FIELDS: &[&str] = &[
    "annotations",
    "creationTimestamp",
    "deletionGracePeriodSeconds",
    "deletionTimestamp",
    "finalizers",
    "generateName",
    "generation",
    "labels",
    "managedFields",
    "name",
    "namespace",
    "ownerReferences",
    "resourceVersion",
    "selfLink",
    "uid",
];

fn object_meta(n: &Node) -> Read<ObjectMeta> {
    let mut m = ObjectMeta::default();
    object(n, "ObjectMeta", |key, v| {
        match key {
            "annotations" => m.annotations = opt(v, string_map)?,
            "creationTimestamp" => m.creation_timestamp = opt(v, time)?,
            "deletionGracePeriodSeconds" => m.deletion_grace_period_seconds = opt(v, int64)?,
            "deletionTimestamp" => m.deletion_timestamp = opt(v, time)?,
            "finalizers" => m.finalizers = opt_list(v, string)?,
            "generateName" => m.generate_name = opt(v, string)?,
            "generation" => m.generation = opt(v, int64)?,
            "labels" => m.labels = opt(v, string_map)?,
            "managedFields" => m.managed_fields = opt_list(v, managed_fields_entry)?,
            "name" => m.name = opt(v, string)?,
            "namespace" => m.namespace = opt(v, string)?,
            "ownerReferences" => m.owner_references = opt_list(v, owner_reference)?,
            "resourceVersion" => m.resource_version = opt(v, string)?,
            "selfLink" => m.self_link = opt(v, string)?,
            "uid" => m.uid = opt(v, string)?,
            _ => unknown::add(key, v, OBJECT_META_FIELDS),
        }
        Ok(())
    })?;
    Ok(m)
}

const MANAGED_FIELDS_ENTRY_FIELDS: &[&str] = &[
    "apiVersion",
    "fieldsType",
    "fieldsV1",
    "manager",
    "operation",
    "subresource",
    "time",
];

fn managed_fields_entry(n: &Node) -> Read<ManagedFieldsEntry> {
    let mut m = ManagedFieldsEntry::default();
    object(n, "ManagedFieldsEntry", |key, v| {
        match key {
            "apiVersion" => m.api_version = opt(v, string)?,
            "fieldsType" => m.fields_type = opt(v, string)?,
            "fieldsV1" => m.fields_v1 = opt(v, json)?.map(FieldsV1),
            "manager" => m.manager = opt(v, string)?,
            "operation" => m.operation = opt(v, string)?,
            "subresource" => m.subresource = opt(v, string)?,
            "time" => m.time = opt(v, time)?,
            _ => unknown::add(key, v, MANAGED_FIELDS_ENTRY_FIELDS),
        }
        Ok(())
    })?;
    Ok(m)
}

const OWNER_REFERENCE_FIELDS: &[&str] = &[
    "apiVersion",
    "blockOwnerDeletion",
    "controller",
    "kind",
    "name",
    "uid",
];

fn owner_reference(n: &Node) -> Read<OwnerReference> {
    let mut r = OwnerReference::default();
    object(n, "OwnerReference", |key, v| {
        match key {
            "apiVersion" => r.api_version = opt(v, string)?.unwrap_or_default(),
            "blockOwnerDeletion" => r.block_owner_deletion = opt(v, boolean)?,
            "controller" => r.controller = opt(v, boolean)?,
            "kind" => r.kind = opt(v, string)?.unwrap_or_default(),
            "name" => r.name = opt(v, string)?.unwrap_or_default(),
            "uid" => r.uid = opt(v, string)?.unwrap_or_default(),
            _ => unknown::add(key, v, OWNER_REFERENCE_FIELDS),
        }
        Ok(())
    })?;
    Ok(r)
}

const CONDITION_FIELDS: &[&str] = &[
    "lastTransitionTime",
    "message",
    "observedGeneration",
    "reason",
    "status",
    "type",
];

/// `Condition`: `lastTransitionTime` is required (a time has no zero value in JSON).
fn condition(n: &Node) -> Read<Condition> {
    // Condition has no zero value in k8s-openapi (its time is required): `null` is refused.
    if matches!(n.value, Value::Null) {
        return Err(mismatch(n, "Condition"));
    }
    let mut c = Condition {
        last_transition_time: Time(Default::default()),
        message: String::new(),
        observed_generation: None,
        reason: String::new(),
        status: String::new(),
        type_: String::new(),
    };
    let mut seen_time = false;
    object(n, "Condition", |key, v| {
        match key {
            "lastTransitionTime" => {
                c.last_transition_time = time(v)?;
                seen_time = true;
            }
            "message" => c.message = opt(v, string)?.unwrap_or_default(),
            "observedGeneration" => c.observed_generation = opt(v, int64)?,
            "reason" => c.reason = opt(v, string)?.unwrap_or_default(),
            "status" => c.status = opt(v, string)?.unwrap_or_default(),
            "type" => c.type_ = opt(v, string)?.unwrap_or_default(),
            _ => unknown::add(key, v, CONDITION_FIELDS),
        }
        Ok(())
    })?;
    if !seen_time {
        return Err(DeError::new(wording::missing_field("lastTransitionTime")).at(n.span));
    }
    Ok(c)
}

const OBJECT_REFERENCE_FIELDS: &[&str] = &[
    "apiVersion",
    "fieldPath",
    "kind",
    "name",
    "namespace",
    "resourceVersion",
    "uid",
];

fn object_reference(n: &Node) -> Read<ObjectReference> {
    let mut r = ObjectReference::default();
    object(n, "ObjectReference", |key, v| {
        match key {
            "apiVersion" => r.api_version = opt(v, string)?,
            "fieldPath" => r.field_path = opt(v, string)?,
            "kind" => r.kind = opt(v, string)?,
            "name" => r.name = opt(v, string)?,
            "namespace" => r.namespace = opt(v, string)?,
            "resourceVersion" => r.resource_version = opt(v, string)?,
            "uid" => r.uid = opt(v, string)?,
            _ => unknown::add(key, v, OBJECT_REFERENCE_FIELDS),
        }
        Ok(())
    })?;
    Ok(r)
}

// core/v1 Service

const SERVICE_SPEC_FIELDS: &[&str] = &[
    "allocateLoadBalancerNodePorts",
    "clusterIP",
    "clusterIPs",
    "externalIPs",
    "externalName",
    "externalTrafficPolicy",
    "healthCheckNodePort",
    "internalTrafficPolicy",
    "ipFamilies",
    "ipFamilyPolicy",
    "loadBalancerClass",
    "loadBalancerIP",
    "loadBalancerSourceRanges",
    "ports",
    "publishNotReadyAddresses",
    "selector",
    "sessionAffinity",
    "sessionAffinityConfig",
    "trafficDistribution",
    "type",
];

fn service_spec(n: &Node) -> Read<ServiceSpec> {
    let mut s = ServiceSpec::default();
    object(n, "ServiceSpec", |key, v| {
        match key {
            "allocateLoadBalancerNodePorts" => {
                s.allocate_load_balancer_node_ports = opt(v, boolean)?;
            }
            "clusterIP" => s.cluster_ip = opt(v, string)?,
            "clusterIPs" => s.cluster_ips = opt_list(v, string)?,
            "externalIPs" => s.external_ips = opt_list(v, string)?,
            "externalName" => s.external_name = opt(v, string)?,
            "externalTrafficPolicy" => s.external_traffic_policy = opt(v, string)?,
            "healthCheckNodePort" => s.health_check_node_port = opt(v, int32)?,
            "internalTrafficPolicy" => s.internal_traffic_policy = opt(v, string)?,
            "ipFamilies" => s.ip_families = opt_list(v, string)?,
            "ipFamilyPolicy" => s.ip_family_policy = opt(v, string)?,
            "loadBalancerClass" => s.load_balancer_class = opt(v, string)?,
            "loadBalancerIP" => s.load_balancer_ip = opt(v, string)?,
            "loadBalancerSourceRanges" => s.load_balancer_source_ranges = opt_list(v, string)?,
            "ports" => s.ports = opt_list(v, service_port)?,
            "publishNotReadyAddresses" => s.publish_not_ready_addresses = opt(v, boolean)?,
            "selector" => s.selector = opt(v, string_map)?,
            "sessionAffinity" => s.session_affinity = opt(v, string)?,
            "sessionAffinityConfig" => {
                s.session_affinity_config = opt(v, session_affinity_config)?;
            }
            "trafficDistribution" => s.traffic_distribution = opt(v, string)?,
            "type" => s.type_ = opt(v, string)?,
            _ => unknown::add(key, v, SERVICE_SPEC_FIELDS),
        }
        Ok(())
    })?;
    Ok(s)
}

const SERVICE_PORT_FIELDS: &[&str] = &[
    "appProtocol",
    "name",
    "nodePort",
    "port",
    "protocol",
    "targetPort",
];

fn service_port(n: &Node) -> Read<ServicePort> {
    let mut p = ServicePort::default();
    object(n, "ServicePort", |key, v| {
        match key {
            "appProtocol" => p.app_protocol = opt(v, string)?,
            "name" => p.name = opt(v, string)?,
            "nodePort" => p.node_port = opt(v, int32)?,
            "port" => p.port = opt(v, int32)?.unwrap_or_default(),
            "protocol" => p.protocol = opt(v, string)?,
            "targetPort" => p.target_port = opt(v, int_or_string)?,
            _ => unknown::add(key, v, SERVICE_PORT_FIELDS),
        }
        Ok(())
    })?;
    Ok(p)
}

const SESSION_AFFINITY_CONFIG_FIELDS: &[&str] = &["clientIP"];

fn session_affinity_config(n: &Node) -> Read<SessionAffinityConfig> {
    let mut c = SessionAffinityConfig::default();
    object(n, "SessionAffinityConfig", |key, v| {
        if key == "clientIP" {
            c.client_ip = opt(v, client_ip_config)?;
        } else {
            unknown::add(key, v, SESSION_AFFINITY_CONFIG_FIELDS);
        }
        Ok(())
    })?;
    Ok(c)
}

const CLIENT_IP_CONFIG_FIELDS: &[&str] = &["timeoutSeconds"];

fn client_ip_config(n: &Node) -> Read<ClientIPConfig> {
    let mut c = ClientIPConfig::default();
    object(n, "ClientIPConfig", |key, v| {
        if key == "timeoutSeconds" {
            c.timeout_seconds = opt(v, int32)?;
        } else {
            unknown::add(key, v, CLIENT_IP_CONFIG_FIELDS);
        }
        Ok(())
    })?;
    Ok(c)
}

const SERVICE_STATUS_FIELDS: &[&str] = &["conditions", "loadBalancer"];

fn service_status(n: &Node) -> Read<ServiceStatus> {
    let mut s = ServiceStatus::default();
    object(n, "ServiceStatus", |key, v| {
        match key {
            "conditions" => s.conditions = opt_list(v, condition)?,
            "loadBalancer" => s.load_balancer = opt(v, load_balancer_status)?,
            _ => unknown::add(key, v, SERVICE_STATUS_FIELDS),
        }
        Ok(())
    })?;
    Ok(s)
}

const LOAD_BALANCER_STATUS_FIELDS: &[&str] = &["ingress"];

fn load_balancer_status(n: &Node) -> Read<LoadBalancerStatus> {
    let mut s = LoadBalancerStatus::default();
    object(n, "LoadBalancerStatus", |key, v| {
        if key == "ingress" {
            s.ingress = opt_list(v, load_balancer_ingress)?;
        } else {
            unknown::add(key, v, LOAD_BALANCER_STATUS_FIELDS);
        }
        Ok(())
    })?;
    Ok(s)
}

const LOAD_BALANCER_INGRESS_FIELDS: &[&str] = &["hostname", "ip", "ipMode", "ports"];

fn load_balancer_ingress(n: &Node) -> Read<LoadBalancerIngress> {
    let mut i = LoadBalancerIngress::default();
    object(n, "LoadBalancerIngress", |key, v| {
        match key {
            "hostname" => i.hostname = opt(v, string)?,
            "ip" => i.ip = opt(v, string)?,
            "ipMode" => i.ip_mode = opt(v, string)?,
            "ports" => i.ports = opt_list(v, port_status)?,
            _ => unknown::add(key, v, LOAD_BALANCER_INGRESS_FIELDS),
        }
        Ok(())
    })?;
    Ok(i)
}

const PORT_STATUS_FIELDS: &[&str] = &["error", "port", "protocol"];

fn port_status(n: &Node) -> Read<PortStatus> {
    let mut p = PortStatus::default();
    object(n, "PortStatus", |key, v| {
        match key {
            "error" => p.error = opt(v, string)?,
            "port" => p.port = opt(v, int32)?.unwrap_or_default(),
            "protocol" => p.protocol = opt(v, string)?.unwrap_or_default(),
            _ => unknown::add(key, v, PORT_STATUS_FIELDS),
        }
        Ok(())
    })?;
    Ok(p)
}

// core/v1 Endpoints

const ENDPOINT_SUBSET_FIELDS: &[&str] = &["addresses", "notReadyAddresses", "ports"];

fn endpoint_subset(n: &Node) -> Read<EndpointSubset> {
    let mut s = EndpointSubset::default();
    object(n, "EndpointSubset", |key, v| {
        match key {
            "addresses" => s.addresses = opt_list(v, endpoint_address)?,
            "notReadyAddresses" => s.not_ready_addresses = opt_list(v, endpoint_address)?,
            "ports" => s.ports = opt_list(v, core_endpoint_port)?,
            _ => unknown::add(key, v, ENDPOINT_SUBSET_FIELDS),
        }
        Ok(())
    })?;
    Ok(s)
}

const ENDPOINT_ADDRESS_FIELDS: &[&str] = &["hostname", "ip", "nodeName", "targetRef"];

fn endpoint_address(n: &Node) -> Read<EndpointAddress> {
    let mut a = EndpointAddress::default();
    object(n, "EndpointAddress", |key, v| {
        match key {
            "hostname" => a.hostname = opt(v, string)?,
            "ip" => a.ip = opt(v, string)?.unwrap_or_default(),
            "nodeName" => a.node_name = opt(v, string)?,
            "targetRef" => a.target_ref = opt(v, object_reference)?,
            _ => unknown::add(key, v, ENDPOINT_ADDRESS_FIELDS),
        }
        Ok(())
    })?;
    Ok(a)
}

const CORE_ENDPOINT_PORT_FIELDS: &[&str] = &["appProtocol", "name", "port", "protocol"];

fn core_endpoint_port(n: &Node) -> Read<CoreEndpointPort> {
    let mut p = CoreEndpointPort::default();
    object(n, "EndpointPort", |key, v| {
        match key {
            "appProtocol" => p.app_protocol = opt(v, string)?,
            "name" => p.name = opt(v, string)?,
            "port" => p.port = opt(v, int32)?.unwrap_or_default(),
            "protocol" => p.protocol = opt(v, string)?,
            _ => unknown::add(key, v, CORE_ENDPOINT_PORT_FIELDS),
        }
        Ok(())
    })?;
    Ok(p)
}

// discovery/v1 EndpointSlice

const ENDPOINT_FIELDS: &[&str] = &[
    "addresses",
    "conditions",
    "deprecatedTopology",
    "hints",
    "hostname",
    "nodeName",
    "targetRef",
    "zone",
];

fn endpoint(n: &Node) -> Read<Endpoint> {
    let mut e = Endpoint::default();
    object(n, "Endpoint", |key, v| {
        match key {
            "addresses" => e.addresses = opt_list(v, string)?.unwrap_or_default(),
            "conditions" => e.conditions = opt(v, endpoint_conditions)?,
            "deprecatedTopology" => e.deprecated_topology = opt(v, string_map)?,
            "hints" => e.hints = opt(v, endpoint_hints)?,
            "hostname" => e.hostname = opt(v, string)?,
            "nodeName" => e.node_name = opt(v, string)?,
            "targetRef" => e.target_ref = opt(v, object_reference)?,
            "zone" => e.zone = opt(v, string)?,
            _ => unknown::add(key, v, ENDPOINT_FIELDS),
        }
        Ok(())
    })?;
    Ok(e)
}

const ENDPOINT_CONDITIONS_FIELDS: &[&str] = &["ready", "serving", "terminating"];

fn endpoint_conditions(n: &Node) -> Read<EndpointConditions> {
    let mut c = EndpointConditions::default();
    object(n, "EndpointConditions", |key, v| {
        match key {
            "ready" => c.ready = opt(v, boolean)?,
            "serving" => c.serving = opt(v, boolean)?,
            "terminating" => c.terminating = opt(v, boolean)?,
            _ => unknown::add(key, v, ENDPOINT_CONDITIONS_FIELDS),
        }
        Ok(())
    })?;
    Ok(c)
}

const ENDPOINT_HINTS_FIELDS: &[&str] = &["forNodes", "forZones"];

fn endpoint_hints(n: &Node) -> Read<EndpointHints> {
    let mut h = EndpointHints::default();
    object(n, "EndpointHints", |key, v| {
        match key {
            "forNodes" => h.for_nodes = opt_list(v, for_node)?,
            "forZones" => h.for_zones = opt_list(v, for_zone)?,
            _ => unknown::add(key, v, ENDPOINT_HINTS_FIELDS),
        }
        Ok(())
    })?;
    Ok(h)
}

const FOR_NODE_FIELDS: &[&str] = &["name"];

fn for_node(n: &Node) -> Read<ForNode> {
    let mut f = ForNode::default();
    object(n, "ForNode", |key, v| {
        if key == "name" {
            f.name = opt(v, string)?.unwrap_or_default();
        } else {
            unknown::add(key, v, FOR_NODE_FIELDS);
        }
        Ok(())
    })?;
    Ok(f)
}

const FOR_ZONE_FIELDS: &[&str] = &["name"];

fn for_zone(n: &Node) -> Read<ForZone> {
    let mut f = ForZone::default();
    object(n, "ForZone", |key, v| {
        if key == "name" {
            f.name = opt(v, string)?.unwrap_or_default();
        } else {
            unknown::add(key, v, FOR_ZONE_FIELDS);
        }
        Ok(())
    })?;
    Ok(f)
}

const ENDPOINT_PORT_FIELDS: &[&str] = &["appProtocol", "name", "port", "protocol"];

fn endpoint_port(n: &Node) -> Read<EndpointPort> {
    let mut p = EndpointPort::default();
    object(n, "EndpointPort", |key, v| {
        match key {
            "appProtocol" => p.app_protocol = opt(v, string)?,
            "name" => p.name = opt(v, string)?,
            "port" => p.port = opt(v, int32)?,
            "protocol" => p.protocol = opt(v, string)?,
            _ => unknown::add(key, v, ENDPOINT_PORT_FIELDS),
        }
        Ok(())
    })?;
    Ok(p)
}

// Shapes. Each takes the node of one JSON value; a wrong type is serde's `invalid type`
// error, naming what the field holds as serde and k8s-openapi name it.

/// A JSON object (`what`: the type's name, for errors): `field` sees each member in order
/// (and calls `unknown::add` for a member the type does not have). `null` is an object
/// without members. `dyn`: one copy of the loop serves every struct.
fn object(n: &Node, what: &str, mut field: impl FnMut(&str, &Node) -> Read<()>) -> Read<()> {
    object_dyn(n, what, &mut field)
}

fn object_dyn(n: &Node, what: &str, field: &mut dyn FnMut(&str, &Node) -> Read<()>) -> Read<()> {
    let entries = match &n.value {
        Value::Map(entries) => entries,
        Value::Null => return Ok(()),
        _ => return Err(mismatch(n, what)),
    };
    let before = unknown::count();
    for e in entries {
        field(&e.key, &e.value)
            .map_err(|err| err.at(e.value.span).within(JsonStep::Key(e.key.clone())))?;
    }
    if unknown::count() > before {
        unknown::within_object(before, n, entries);
    }
    Ok(())
}

/// A field: `null` leaves it unset.
fn opt<T>(n: &Node, read: fn(&Node) -> Read<T>) -> Read<Option<T>> {
    match n.value {
        Value::Null => Ok(None),
        _ => read(n).map(Some),
    }
}

/// An optional JSON array.
fn opt_list<T>(n: &Node, read: fn(&Node) -> Read<T>) -> Read<Option<Vec<T>>> {
    let items = match &n.value {
        Value::Null => return Ok(None),
        Value::Seq(items) => items,
        _ => return Err(mismatch(n, "a sequence")),
    };
    let mut out = Vec::with_capacity(items.len());
    let before = unknown::count();
    for (i, item) in items.iter().enumerate() {
        out.push(read(item).map_err(|err| err.at(item.span).within(JsonStep::Index(i)))?);
    }
    if unknown::count() > before {
        unknown::within_list(before, n, items);
    }
    Ok(Some(out))
}

/// A JSON object of strings (labels, annotations, selector).
fn string_map(n: &Node) -> Read<BTreeMap<String, String>> {
    let mut out = BTreeMap::new();
    object(n, "a map", |key, v| {
        out.insert(key.to_string(), string(v)?);
        Ok(())
    })?;
    Ok(out)
}

fn string(n: &Node) -> Read<String> {
    match &n.value {
        Value::Str(s) => Ok(s.clone()),
        Value::Null => Ok(String::new()),
        _ => Err(mismatch(n, "a string")),
    }
}

fn boolean(n: &Node) -> Read<bool> {
    match n.value {
        Value::Bool(b) => Ok(b),
        Value::Null => Ok(false),
        _ => Err(mismatch(n, "a boolean")),
    }
}

/// A JSON number that is an integer (`80`, or `80.0`, which Go's encoder writes as `80`).
fn integer(n: &Node, what: &str) -> Read<i64> {
    match n.value {
        Value::Int(i) => Ok(i),
        Value::Null => Ok(0),
        Value::Float(f) => json_integer(f).ok_or_else(|| mismatch(n, what)),
        _ => Err(mismatch(n, what)),
    }
}

fn int64(n: &Node) -> Read<i64> {
    integer(n, "i64")
}

fn int32(n: &Node) -> Read<i32> {
    let i = integer(n, "i32")?;
    i32::try_from(i).map_err(|_| out_of_range(n, i, "i32"))
}

/// k8s-openapi's `IntOrString`: a JSON number or string.
fn int_or_string(n: &Node) -> Read<IntOrString> {
    if let Value::Str(s) = &n.value {
        return Ok(IntOrString::String(s.clone()));
    }
    let i = integer(n, "IntOrString")?;
    i32::try_from(i)
        .map(IntOrString::Int)
        .map_err(|_| out_of_range(n, i, "a 32-bit integer"))
}

fn out_of_range(n: &Node, i: i64, expected: &str) -> DeError {
    DeError::new(wording::invalid_value(&wording::integer(i), expected)).at(n.span)
}

/// A `metav1.Time`: an RFC 3339 string (`time.rs`). A `null` optional time is unset (`opt`);
/// a `null` `lastTransitionTime` is refused here, as k8s-openapi refuses it.
fn time(n: &Node) -> Read<Time> {
    match &n.value {
        Value::Str(s) => super::time::parse(s)
            .map(Time)
            .map_err(|message| DeError::new(message).at(n.span)),
        _ => Err(mismatch(n, "a timestamp string")),
    }
}

/// Any JSON value (`fieldsV1`).
fn json(n: &Node) -> Read<serde_json::Value> {
    use serde_json::Value as Json;
    Ok(match &n.value {
        Value::Seq(items) => {
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                out.push(json(item).map_err(|err| err.within(JsonStep::Index(i)))?);
            }
            Json::Array(out)
        }
        Value::Map(entries) => {
            let mut out = serde_json::Map::new();
            for e in entries {
                let value =
                    json(&e.value).map_err(|err| err.within(JsonStep::Key(e.key.clone())))?;
                out.insert(e.key.clone(), value);
            }
            Json::Object(out)
        }
        _ => n
            .to_json()
            .map_err(|(span, message)| DeError::new(message).at(span))?,
    })
}

/// serde's `invalid type` error for `n` where `expected` was wanted, in serde_json's words
/// (`null`, not serde's `unit value`).
fn mismatch(n: &Node, expected: &str) -> DeError {
    let unexpected = match &n.value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => wording::boolean(*b),
        Value::Int(i) => wording::integer(i),
        Value::Float(f) => match json_integer(*f) {
            Some(i) => wording::integer(i),
            None if f.is_finite() => wording::float(*f),
            None => return DeError::new(wording::not_json(*f)).at(n.span),
        },
        Value::Str(s) => wording::string(s),
        Value::Seq(_) => "sequence".to_string(),
        Value::Map(_) => "map".to_string(),
    };
    DeError::new(wording::invalid_type(&unexpected, expected)).at(n.span)
}

#[cfg(test)]
mod tests;
pub(crate) mod unknown;
