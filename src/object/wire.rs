//! Writing Service, Endpoints and EndpointSlice as JSON, through our own structs wherever a
//! `metav1.Time` can occur (`metadata`, and `status.conditions` of a Service), so that
//! k8s-openapi's `Time` serializer, and the date-time library behind it, is never linked
//! (see `time.rs`). Every other part uses k8s-openapi's own `Serialize` impls: field names
//! and the written JSON are theirs. Reading is `typed.rs`.

use std::collections::BTreeMap;

use k8s_openapi::api::core::v1::{
    EndpointSubset, Endpoints, LoadBalancerStatus, Service, ServiceSpec, ServiceStatus,
};
use k8s_openapi::api::discovery::v1::{Endpoint, EndpointPort, EndpointSlice};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{
    Condition, FieldsV1, ManagedFieldsEntry, ObjectMeta, OwnerReference,
};
use k8s_openapi::jiff::Timestamp;
use serde::{Serialize, Serializer};

/// A Service, Endpoints or EndpointSlice as the JSON k8s-openapi's serializer writes.
pub trait ToJson {
    /// The object as a JSON value (`apiVersion` and `kind` included).
    fn to_json(&self) -> serde_json::Result<serde_json::Value>;
}

impl ToJson for Service {
    fn to_json(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(ServiceOut {
            api_version: "v1",
            kind: "Service",
            metadata: Meta::from(&self.metadata),
            spec: self.spec.as_ref(),
            status: self.status.as_ref().map(Status::from),
        })
    }
}

impl ToJson for Endpoints {
    fn to_json(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(EndpointsOut {
            api_version: "v1",
            kind: "Endpoints",
            metadata: Meta::from(&self.metadata),
            subsets: self.subsets.as_ref(),
        })
    }
}

impl ToJson for EndpointSlice {
    fn to_json(&self) -> serde_json::Result<serde_json::Value> {
        serde_json::to_value(EndpointSliceOut {
            api_version: "discovery.k8s.io/v1",
            kind: "EndpointSlice",
            address_type: &self.address_type,
            endpoints: self.endpoints.as_ref(),
            metadata: Meta::from(&self.metadata),
            ports: self.ports.as_ref(),
        })
    }
}

// Writing: fields in k8s-openapi's order, absent ones left out.

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ServiceOut<'a> {
    api_version: &'static str,
    kind: &'static str,
    metadata: Meta,
    #[serde(skip_serializing_if = "Option::is_none")]
    spec: Option<&'a ServiceSpec>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<Status>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EndpointsOut<'a> {
    api_version: &'static str,
    kind: &'static str,
    metadata: Meta,
    #[serde(skip_serializing_if = "Option::is_none")]
    subsets: Option<&'a Vec<EndpointSubset>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct EndpointSliceOut<'a> {
    api_version: &'static str,
    kind: &'static str,
    address_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    endpoints: Option<&'a Vec<Endpoint>>,
    metadata: Meta,
    #[serde(skip_serializing_if = "Option::is_none")]
    ports: Option<&'a Vec<EndpointPort>>,
}

// The parts that hold a time.

/// `ObjectMeta`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Meta {
    #[serde(skip_serializing_if = "Option::is_none")]
    annotations: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    creation_timestamp: Option<Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deletion_grace_period_seconds: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    deletion_timestamp: Option<Stamp>,
    #[serde(skip_serializing_if = "Option::is_none")]
    finalizers: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    generate_name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    generation: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    labels: Option<BTreeMap<String, String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    managed_fields: Option<Vec<Managed>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    owner_references: Option<Vec<OwnerReference>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    resource_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    self_link: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    uid: Option<String>,
}

impl From<&ObjectMeta> for Meta {
    fn from(m: &ObjectMeta) -> Meta {
        Meta {
            annotations: m.annotations.clone(),
            creation_timestamp: m.creation_timestamp.as_ref().map(|t| Stamp(t.0)),
            deletion_grace_period_seconds: m.deletion_grace_period_seconds,
            deletion_timestamp: m.deletion_timestamp.as_ref().map(|t| Stamp(t.0)),
            finalizers: m.finalizers.clone(),
            generate_name: m.generate_name.clone(),
            generation: m.generation,
            labels: m.labels.clone(),
            managed_fields: m
                .managed_fields
                .as_ref()
                .map(|v| v.iter().map(Managed::from).collect()),
            name: m.name.clone(),
            namespace: m.namespace.clone(),
            owner_references: m.owner_references.clone(),
            resource_version: m.resource_version.clone(),
            self_link: m.self_link.clone(),
            uid: m.uid.clone(),
        }
    }
}

/// `ManagedFieldsEntry`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Managed {
    #[serde(skip_serializing_if = "Option::is_none")]
    api_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    fields_v1: Option<FieldsV1>,
    #[serde(skip_serializing_if = "Option::is_none")]
    manager: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    operation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    subresource: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    time: Option<Stamp>,
}

impl From<&ManagedFieldsEntry> for Managed {
    fn from(m: &ManagedFieldsEntry) -> Managed {
        Managed {
            api_version: m.api_version.clone(),
            fields_type: m.fields_type.clone(),
            fields_v1: m.fields_v1.clone(),
            manager: m.manager.clone(),
            operation: m.operation.clone(),
            subresource: m.subresource.clone(),
            time: m.time.as_ref().map(|t| Stamp(t.0)),
        }
    }
}

/// `ServiceStatus`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    #[serde(skip_serializing_if = "Option::is_none")]
    conditions: Option<Vec<Cond>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    load_balancer: Option<LoadBalancerStatus>,
}

impl From<&ServiceStatus> for Status {
    fn from(s: &ServiceStatus) -> Status {
        Status {
            conditions: s
                .conditions
                .as_ref()
                .map(|v| v.iter().map(Cond::from).collect()),
            load_balancer: s.load_balancer.clone(),
        }
    }
}

/// `Condition`: `lastTransitionTime` is required (no zero value), the strings default to "".
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Cond {
    last_transition_time: Stamp,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    observed_generation: Option<i64>,
    reason: String,
    status: String,
    #[serde(rename = "type")]
    type_: String,
}

impl From<&Condition> for Cond {
    fn from(c: &Condition) -> Cond {
        Cond {
            last_transition_time: Stamp(c.last_transition_time.0),
            message: c.message.clone(),
            observed_generation: c.observed_generation,
            reason: c.reason.clone(),
            status: c.status.clone(),
            type_: c.type_.clone(),
        }
    }
}

/// A `metav1.Time`, as text.
struct Stamp(Timestamp);

impl Serialize for Stamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&super::time::format(self.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// Our writer gives what k8s-openapi's serializer gives, times included.
    #[test]
    fn writes_what_k8s_openapi_writes() {
        let meta = json!({
            "name": "db", "namespace": "ns", "labels": {"a": "b"}, "annotations": {"c": "d"},
            "creationTimestamp": "2024-01-02T03:04:05Z", "deletionTimestamp": "2024-01-02T03:04:06Z",
            "deletionGracePeriodSeconds": 30, "finalizers": ["f"], "generateName": "db-",
            "generation": 2, "resourceVersion": "7", "selfLink": "/x", "uid": "u",
            "ownerReferences": [{"apiVersion": "v1", "kind": "Service", "name": "s", "uid": "u"}],
            "managedFields": [{"apiVersion": "v1", "fieldsType": "FieldsV1",
                "fieldsV1": {"f:metadata": {}}, "manager": "kubectl", "operation": "Apply",
                "subresource": "status", "time": "2024-01-02T03:04:07Z"}],
        });
        let service: Service = serde_json::from_value(json!({
            "apiVersion": "v1", "kind": "Service", "metadata": meta,
            "spec": {"ports": [{"port": 80}]},
            "status": {"loadBalancer": {}, "conditions": [{"type": "A", "status": "True",
                "reason": "R", "message": "m", "observedGeneration": 1,
                "lastTransitionTime": "2024-01-02T03:04:08Z"}]},
        }))
        .unwrap();
        assert_eq!(
            service.to_json().unwrap(),
            serde_json::to_value(&service).unwrap()
        );
        let endpoints: Endpoints = serde_json::from_value(json!({
            "apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "db"},
            "subsets": [{"addresses": [{"ip": "10.0.0.1"}], "ports": [{"port": 80}]}],
        }))
        .unwrap();
        assert_eq!(
            endpoints.to_json().unwrap(),
            serde_json::to_value(&endpoints).unwrap()
        );
        let slice: EndpointSlice = serde_json::from_value(json!({
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": {"name": "db-1"}, "addressType": "IPv4",
            "endpoints": [{"addresses": ["10.0.0.1"]}], "ports": [{"port": 80}],
        }))
        .unwrap();
        assert_eq!(
            slice.to_json().unwrap(),
            serde_json::to_value(&slice).unwrap()
        );
        for empty in [
            serde_json::to_value(Service::default()).unwrap(),
            serde_json::to_value(Endpoints::default()).unwrap(),
            serde_json::to_value(EndpointSlice::default()).unwrap(),
        ] {
            let kind = empty["kind"].as_str().unwrap().to_string();
            let ours = match kind.as_str() {
                "Service" => Service::default().to_json(),
                "Endpoints" => Endpoints::default().to_json(),
                _ => EndpointSlice::default().to_json(),
            };
            assert_eq!(ours.unwrap(), empty, "{kind}");
        }
    }
}

#[cfg(test)]
mod decode_tests {
    use crate::object::{decode, Decoded, Object};
    use crate::yaml::{documents, Limits};

    fn decoded(text: &str) -> Result<Object, (String, String)> {
        let doc = documents(text, &Limits::default()).next().unwrap();
        match decode(&doc.root.unwrap()) {
            Decoded::Object(o) => Ok(o),
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
}
