//! Writing Service, Endpoints and EndpointSlice as the JSON k8s-openapi's serializer writes:
//! its field names, optional fields left out when unset, required ones always written (a
//! `port` of 0, an empty `addresses` list), times as `time.rs` formats them.
//!
//! Field by field instead of through serde, for the reason `typed.rs` reads that way:
//! k8s-openapi's generated `Serialize` impls cost about 6 KB of the gzipped wasm (issue 7).
//! The test below checks the output against k8s-openapi's own serializer.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    ClientIPConfig, EndpointAddress, EndpointPort as CoreEndpointPort, EndpointSubset, Endpoints,
    LoadBalancerIngress, LoadBalancerStatus, ObjectReference, PortStatus, Service, ServicePort,
    ServiceSpec, ServiceStatus, SessionAffinityConfig,
};
use k8s_openapi::api::discovery::v1::{
    Endpoint, EndpointConditions, EndpointHints, EndpointPort, EndpointSlice, ForNode, ForZone,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    Condition, ManagedFieldsEntry, ObjectMeta, OwnerReference, Time,
};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use serde_json::{Map, Value};

/// A Service, Endpoints or EndpointSlice as the JSON k8s-openapi's serializer writes.
pub trait ToJson {
    /// The object as a JSON value (`apiVersion` and `kind` included).
    fn to_json(&self) -> Value;
}

impl ToJson for Service {
    fn to_json(&self) -> Value {
        let mut o = Obj::kind("v1", "Service", &self.metadata);
        o.opt("spec", &self.spec, service_spec);
        o.opt("status", &self.status, service_status);
        o.0.into()
    }
}

impl ToJson for Endpoints {
    fn to_json(&self) -> Value {
        let mut o = Obj::kind("v1", "Endpoints", &self.metadata);
        o.opt_list("subsets", &self.subsets, endpoint_subset);
        o.0.into()
    }
}

impl ToJson for EndpointSlice {
    fn to_json(&self) -> Value {
        let mut o = Obj::kind("discovery.k8s.io/v1", "EndpointSlice", &self.metadata);
        o.set("addressType", string(&self.address_type));
        o.opt_list("endpoints", &self.endpoints, endpoint);
        o.opt_list("ports", &self.ports, endpoint_port);
        o.0.into()
    }
}

/// The members of one JSON object. serde_json's map is ordered by key, so the order in
/// which fields are set does not show in the output.
#[derive(Default)]
struct Obj(Map<String, Value>);

impl Obj {
    fn kind(api_version: &str, kind: &str, metadata: &ObjectMeta) -> Obj {
        let mut o = Obj::default();
        o.set("apiVersion", api_version.into());
        o.set("kind", kind.into());
        o.set("metadata", object_meta(metadata));
        o
    }

    fn set(&mut self, key: &str, value: Value) {
        self.0.insert(key.to_string(), value);
    }

    /// A field written only when set.
    fn opt<T>(&mut self, key: &str, value: &Option<T>, write: fn(&T) -> Value) {
        if let Some(v) = value {
            self.set(key, write(v));
        }
    }

    /// A list field written only when set.
    fn opt_list<T>(&mut self, key: &str, value: &Option<Vec<T>>, write: fn(&T) -> Value) {
        if let Some(items) = value {
            self.set(key, list(items, write));
        }
    }

    fn opt_str(&mut self, key: &str, value: &Option<String>) {
        self.opt(key, value, string);
    }
}

fn list<T>(items: &[T], write: fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(write).collect())
}

// `&String`, not `&str`: it is passed as the `fn(&T) -> Value` of a `String` field.
#[allow(clippy::ptr_arg)]
fn string(s: &String) -> Value {
    Value::String(s.clone())
}

fn boolean(b: &bool) -> Value {
    Value::Bool(*b)
}

fn int32(i: &i32) -> Value {
    Value::from(*i)
}

fn int64(i: &i64) -> Value {
    Value::from(*i)
}

fn string_map(map: &BTreeMap<String, String>) -> Value {
    Value::Object(map.iter().map(|(k, v)| (k.clone(), string(v))).collect())
}

fn int_or_string(v: &IntOrString) -> Value {
    match v {
        IntOrString::Int(i) => int32(i),
        IntOrString::String(s) => string(s),
    }
}

fn time(t: &Time) -> Value {
    Value::String(super::time::format(t.0))
}

// metav1

fn object_meta(m: &ObjectMeta) -> Value {
    let mut o = Obj::default();
    o.opt("annotations", &m.annotations, string_map);
    o.opt("creationTimestamp", &m.creation_timestamp, time);
    o.opt(
        "deletionGracePeriodSeconds",
        &m.deletion_grace_period_seconds,
        int64,
    );
    o.opt("deletionTimestamp", &m.deletion_timestamp, time);
    o.opt_list("finalizers", &m.finalizers, string);
    o.opt_str("generateName", &m.generate_name);
    o.opt("generation", &m.generation, int64);
    o.opt("labels", &m.labels, string_map);
    o.opt_list("managedFields", &m.managed_fields, managed_fields_entry);
    o.opt_str("name", &m.name);
    o.opt_str("namespace", &m.namespace);
    o.opt_list("ownerReferences", &m.owner_references, owner_reference);
    o.opt_str("resourceVersion", &m.resource_version);
    o.opt_str("selfLink", &m.self_link);
    o.opt_str("uid", &m.uid);
    o.0.into()
}

fn managed_fields_entry(m: &ManagedFieldsEntry) -> Value {
    let mut o = Obj::default();
    o.opt_str("apiVersion", &m.api_version);
    o.opt_str("fieldsType", &m.fields_type);
    o.opt("fieldsV1", &m.fields_v1, |f| f.0.clone());
    o.opt_str("manager", &m.manager);
    o.opt_str("operation", &m.operation);
    o.opt_str("subresource", &m.subresource);
    o.opt("time", &m.time, time);
    o.0.into()
}

fn owner_reference(r: &OwnerReference) -> Value {
    let mut o = Obj::default();
    o.set("apiVersion", string(&r.api_version));
    o.opt("blockOwnerDeletion", &r.block_owner_deletion, boolean);
    o.opt("controller", &r.controller, boolean);
    o.set("kind", string(&r.kind));
    o.set("name", string(&r.name));
    o.set("uid", string(&r.uid));
    o.0.into()
}

fn condition(c: &Condition) -> Value {
    let mut o = Obj::default();
    o.set("lastTransitionTime", time(&c.last_transition_time));
    o.set("message", string(&c.message));
    o.opt("observedGeneration", &c.observed_generation, int64);
    o.set("reason", string(&c.reason));
    o.set("status", string(&c.status));
    o.set("type", string(&c.type_));
    o.0.into()
}

fn object_reference(r: &ObjectReference) -> Value {
    let mut o = Obj::default();
    o.opt_str("apiVersion", &r.api_version);
    o.opt_str("fieldPath", &r.field_path);
    o.opt_str("kind", &r.kind);
    o.opt_str("name", &r.name);
    o.opt_str("namespace", &r.namespace);
    o.opt_str("resourceVersion", &r.resource_version);
    o.opt_str("uid", &r.uid);
    o.0.into()
}

// core/v1 Service

fn service_spec(s: &ServiceSpec) -> Value {
    let mut o = Obj::default();
    o.opt(
        "allocateLoadBalancerNodePorts",
        &s.allocate_load_balancer_node_ports,
        boolean,
    );
    o.opt_str("clusterIP", &s.cluster_ip);
    o.opt_list("clusterIPs", &s.cluster_ips, string);
    o.opt_list("externalIPs", &s.external_ips, string);
    o.opt_str("externalName", &s.external_name);
    o.opt_str("externalTrafficPolicy", &s.external_traffic_policy);
    o.opt("healthCheckNodePort", &s.health_check_node_port, int32);
    o.opt_str("internalTrafficPolicy", &s.internal_traffic_policy);
    o.opt_list("ipFamilies", &s.ip_families, string);
    o.opt_str("ipFamilyPolicy", &s.ip_family_policy);
    o.opt_str("loadBalancerClass", &s.load_balancer_class);
    o.opt_str("loadBalancerIP", &s.load_balancer_ip);
    o.opt_list(
        "loadBalancerSourceRanges",
        &s.load_balancer_source_ranges,
        string,
    );
    o.opt_list("ports", &s.ports, service_port);
    o.opt(
        "publishNotReadyAddresses",
        &s.publish_not_ready_addresses,
        boolean,
    );
    o.opt("selector", &s.selector, string_map);
    o.opt_str("sessionAffinity", &s.session_affinity);
    o.opt(
        "sessionAffinityConfig",
        &s.session_affinity_config,
        session_affinity_config,
    );
    o.opt_str("trafficDistribution", &s.traffic_distribution);
    o.opt_str("type", &s.type_);
    o.0.into()
}

fn service_port(p: &ServicePort) -> Value {
    let mut o = Obj::default();
    o.opt_str("appProtocol", &p.app_protocol);
    o.opt_str("name", &p.name);
    o.opt("nodePort", &p.node_port, int32);
    o.set("port", int32(&p.port));
    o.opt_str("protocol", &p.protocol);
    o.opt("targetPort", &p.target_port, int_or_string);
    o.0.into()
}

fn session_affinity_config(c: &SessionAffinityConfig) -> Value {
    let mut o = Obj::default();
    o.opt("clientIP", &c.client_ip, client_ip_config);
    o.0.into()
}

fn client_ip_config(c: &ClientIPConfig) -> Value {
    let mut o = Obj::default();
    o.opt("timeoutSeconds", &c.timeout_seconds, int32);
    o.0.into()
}

fn service_status(s: &ServiceStatus) -> Value {
    let mut o = Obj::default();
    o.opt_list("conditions", &s.conditions, condition);
    o.opt("loadBalancer", &s.load_balancer, load_balancer_status);
    o.0.into()
}

fn load_balancer_status(s: &LoadBalancerStatus) -> Value {
    let mut o = Obj::default();
    o.opt_list("ingress", &s.ingress, load_balancer_ingress);
    o.0.into()
}

fn load_balancer_ingress(i: &LoadBalancerIngress) -> Value {
    let mut o = Obj::default();
    o.opt_str("hostname", &i.hostname);
    o.opt_str("ip", &i.ip);
    o.opt_str("ipMode", &i.ip_mode);
    o.opt_list("ports", &i.ports, port_status);
    o.0.into()
}

fn port_status(p: &PortStatus) -> Value {
    let mut o = Obj::default();
    o.opt_str("error", &p.error);
    o.set("port", int32(&p.port));
    o.set("protocol", string(&p.protocol));
    o.0.into()
}

// core/v1 Endpoints

fn endpoint_subset(s: &EndpointSubset) -> Value {
    let mut o = Obj::default();
    o.opt_list("addresses", &s.addresses, endpoint_address);
    o.opt_list(
        "notReadyAddresses",
        &s.not_ready_addresses,
        endpoint_address,
    );
    o.opt_list("ports", &s.ports, core_endpoint_port);
    o.0.into()
}

fn endpoint_address(a: &EndpointAddress) -> Value {
    let mut o = Obj::default();
    o.opt_str("hostname", &a.hostname);
    o.set("ip", string(&a.ip));
    o.opt_str("nodeName", &a.node_name);
    o.opt("targetRef", &a.target_ref, object_reference);
    o.0.into()
}

fn core_endpoint_port(p: &CoreEndpointPort) -> Value {
    let mut o = Obj::default();
    o.opt_str("appProtocol", &p.app_protocol);
    o.opt_str("name", &p.name);
    o.set("port", int32(&p.port));
    o.opt_str("protocol", &p.protocol);
    o.0.into()
}

// discovery/v1 EndpointSlice

fn endpoint(e: &Endpoint) -> Value {
    let mut o = Obj::default();
    o.set("addresses", list(&e.addresses, string));
    o.opt("conditions", &e.conditions, endpoint_conditions);
    o.opt("deprecatedTopology", &e.deprecated_topology, string_map);
    o.opt("hints", &e.hints, endpoint_hints);
    o.opt_str("hostname", &e.hostname);
    o.opt_str("nodeName", &e.node_name);
    o.opt("targetRef", &e.target_ref, object_reference);
    o.opt_str("zone", &e.zone);
    o.0.into()
}

fn endpoint_conditions(c: &EndpointConditions) -> Value {
    let mut o = Obj::default();
    o.opt("ready", &c.ready, boolean);
    o.opt("serving", &c.serving, boolean);
    o.opt("terminating", &c.terminating, boolean);
    o.0.into()
}

fn endpoint_hints(h: &EndpointHints) -> Value {
    let mut o = Obj::default();
    o.opt_list("forNodes", &h.for_nodes, for_node);
    o.opt_list("forZones", &h.for_zones, for_zone);
    o.0.into()
}

fn for_node(f: &ForNode) -> Value {
    let mut o = Obj::default();
    o.set("name", string(&f.name));
    o.0.into()
}

fn for_zone(f: &ForZone) -> Value {
    let mut o = Obj::default();
    o.set("name", string(&f.name));
    o.0.into()
}

fn endpoint_port(p: &EndpointPort) -> Value {
    let mut o = Obj::default();
    o.opt_str("appProtocol", &p.app_protocol);
    o.opt_str("name", &p.name);
    o.opt("port", &p.port, int32);
    o.opt_str("protocol", &p.protocol);
    o.0.into()
}

#[cfg(test)]
mod tests;
