//! The writer against k8s-openapi's own serializer.

use k8s_openapi::api::core::v1::{Endpoints, Service};
use k8s_openapi::api::discovery::v1::EndpointSlice;
use serde_json::json;

use super::ToJson;
use crate::object::samples::{ENDPOINTS, ENDPOINT_SLICE, SERVICE};
use crate::object::{decode, Decoded, Object};
use crate::yaml::{documents, Limits};

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
    assert_eq!(service.to_json(), serde_json::to_value(&service).unwrap());
    let endpoints: Endpoints = serde_json::from_value(json!({
        "apiVersion": "v1", "kind": "Endpoints", "metadata": {"name": "db"},
        "subsets": [{"addresses": [{"ip": "10.0.0.1"}], "ports": [{"port": 80}]}],
    }))
    .unwrap();
    assert_eq!(
        endpoints.to_json(),
        serde_json::to_value(&endpoints).unwrap()
    );
    let slice: EndpointSlice = serde_json::from_value(json!({
        "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
        "metadata": {"name": "db-1"}, "addressType": "IPv4",
        "endpoints": [{"addresses": ["10.0.0.1"]}], "ports": [{"port": 80}],
    }))
    .unwrap();
    assert_eq!(slice.to_json(), serde_json::to_value(&slice).unwrap());
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
        assert_eq!(ours, empty, "{kind}");
    }
}

/// Every field extsvc reads is written as k8s-openapi writes it.
#[test]
fn writes_every_field_as_k8s_openapi_writes_it() {
    for text in [SERVICE, ENDPOINTS, ENDPOINT_SLICE] {
        let root = documents(text, &Limits::default())
            .next()
            .unwrap()
            .root
            .unwrap();
        let (ours, theirs) = match decode(&root) {
            Decoded::Object(Object::Service(o), _) => (o.to_json(), serde_json::to_value(&o)),
            Decoded::Object(Object::Endpoints(o), _) => (o.to_json(), serde_json::to_value(&o)),
            Decoded::Object(Object::EndpointSlice(o), _) => (o.to_json(), serde_json::to_value(&o)),
            other => panic!("{other:?}"),
        };
        assert_eq!(ours, theirs.unwrap());
        // And it is what the document said.
        assert_eq!(ours, root.to_json().unwrap());
    }
}
