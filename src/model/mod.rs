//! The generator's input: what a user says about their external backend.
//!
//! The JSON shape (camelCase, unknown fields rejected):
//!
//! ```json
//! {"name": "mysql-svc", "namespace": "default",
//!  "addresses": ["114.32.146.154"],
//!  "ports": [{"name": "mysql", "port": 3306}]}
//! ```
//!
//! `addresses` holds IP addresses, or exactly one DNS name (the playground's single
//! "Addresses" field): a DNS name means an ExternalName Service, exactly as if it had been
//! given as `externalName`. Optional fields may be omitted or `null`. Semantic checks (name
//! grammar, IP classes, port ranges) are the generator's, not serde's, so that every
//! problem is reported at once with a field path.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

/// The cluster DNS domain when none is given.
pub const DEFAULT_CLUSTER_DOMAIN: &str = "cluster.local";

/// The namespace when none is given (what kubectl uses without a context namespace).
pub const DEFAULT_NAMESPACE: &str = "default";

/// Input of [`crate::generate::generate`]. Unknown fields are rejected.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExternalServiceSpec {
    /// Service name: an RFC 1035 label (`mysql-svc`). Required.
    #[serde(default, deserialize_with = "null_as_default")]
    pub name: String,
    /// Namespace: an RFC 1123 label; absent, `null` or `""` means `default`.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub namespace: String,
    /// IPv4/IPv6 addresses of the backend, or a single DNS name (then: ExternalName).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub addresses: Vec<String>,
    /// A DNS name: generates an ExternalName Service (a CNAME). Excludes `addresses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_name: Option<String>,
    /// Ports. Required unless headless or ExternalName; more than one needs names.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ports: Vec<PortSpec>,
    /// `clusterIP: None`: DNS returns the backend addresses, nothing is proxied.
    #[serde(default, deserialize_with = "null_as_default")]
    pub headless: bool,
    /// Which endpoint objects to write (ignored for ExternalName).
    #[serde(default, deserialize_with = "null_as_default")]
    pub endpoints_api: EndpointsApi,
    /// Labels, put on every generated object.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub labels: BTreeMap<String, String>,
    /// Annotations, put on the Service only.
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub annotations: BTreeMap<String, String>,
    /// Cluster DNS domain for the printed DNS names; absent means `cluster.local`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster_domain: Option<String>,
}

impl ExternalServiceSpec {
    /// The namespace, with the default applied.
    pub fn namespace_or_default(&self) -> &str {
        if self.namespace.is_empty() {
            DEFAULT_NAMESPACE
        } else {
            &self.namespace
        }
    }

    /// The cluster domain, with the default applied.
    pub fn cluster_domain_or_default(&self) -> &str {
        match self.cluster_domain.as_deref() {
            Some(d) if !d.is_empty() => d,
            _ => DEFAULT_CLUSTER_DOMAIN,
        }
    }
}

/// One Service port (and the matching endpoint port).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PortSpec {
    /// Port name: an RFC 1123 label; `""` or absent means unnamed (only for a single port).
    #[serde(
        default,
        deserialize_with = "null_as_default",
        skip_serializing_if = "String::is_empty"
    )]
    pub name: String,
    /// Port number, 1 to 65535 (0 means missing). The Service port, the target port and
    /// the endpoint port are all this number.
    #[serde(default, deserialize_with = "null_as_default")]
    pub port: i64,
    /// `TCP` (default), `UDP` or `SCTP`.
    #[serde(default, deserialize_with = "null_as_default")]
    pub protocol: Protocol,
    /// Application protocol (`http`, `kubernetes.io/h2c`, ...): a qualified name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub app_protocol: Option<String>,
}

/// A port protocol. Case-sensitive, as in the Kubernetes API; `""` means TCP (the API
/// server defaults an empty protocol the same way).
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(try_from = "String")]
pub enum Protocol {
    /// TCP (the default).
    #[default]
    #[serde(rename = "TCP")]
    Tcp,
    /// UDP.
    #[serde(rename = "UDP")]
    Udp,
    /// SCTP.
    #[serde(rename = "SCTP")]
    Sctp,
}

impl TryFrom<String> for Protocol {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "" | "TCP" => Ok(Protocol::Tcp),
            "UDP" => Ok(Protocol::Udp),
            "SCTP" => Ok(Protocol::Sctp),
            _ => Err(unsupported(&s, &["SCTP", "TCP", "UDP"])),
        }
    }
}

impl Protocol {
    /// The API spelling: `TCP`, `UDP`, `SCTP`.
    pub fn as_str(self) -> &'static str {
        match self {
            Protocol::Tcp => "TCP",
            Protocol::Udp => "UDP",
            Protocol::Sctp => "SCTP",
        }
    }
}

/// Which endpoint objects to write next to a selectorless Service; `""` means the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String")]
pub enum EndpointsApi {
    /// discovery.k8s.io/v1 EndpointSlices, one per address family (the default; what
    /// kube-proxy and cluster DNS read).
    #[default]
    EndpointSlice,
    /// A core/v1 Endpoints (deprecated since 1.33; reaches kube-proxy through mirroring).
    Endpoints,
    /// Both: the Endpoints for older consumers, the EndpointSlices for kube-proxy and DNS.
    Both,
}

impl TryFrom<String> for EndpointsApi {
    type Error = String;

    fn try_from(s: String) -> Result<Self, String> {
        match s.as_str() {
            "" | "EndpointSlice" => Ok(EndpointsApi::EndpointSlice),
            "Endpoints" => Ok(EndpointsApi::Endpoints),
            "Both" => Ok(EndpointsApi::Both),
            _ => Err(unsupported(&s, &["Both", "EndpointSlice", "Endpoints"])),
        }
    }
}

/// `Unsupported value: "x": supported values: "A", "B"` (the API server's wording).
fn unsupported(value: &str, supported: &[&str]) -> String {
    let list: Vec<String> = supported
        .iter()
        .map(|s| crate::validate::msg::quote(s))
        .collect();
    format!(
        "Unsupported value: {}: supported values: {}",
        crate::validate::msg::quote(value),
        list.join(", ")
    )
}

impl EndpointsApi {
    /// Whether EndpointSlices are written.
    pub fn slices(self) -> bool {
        matches!(self, EndpointsApi::EndpointSlice | EndpointsApi::Both)
    }

    /// Whether an Endpoints is written.
    pub fn endpoints(self) -> bool {
        matches!(self, EndpointsApi::Endpoints | EndpointsApi::Both)
    }
}

/// `null` means the same as an absent field (JavaScript callers pass `null` for "unset").
fn null_as_default<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Default + Deserialize<'de>,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

// Reading, as the serde derives above read (`tests` in `json_read` checks both agree):
// `null` is the default, unknown fields are refused.

use crate::json_read::{fields, opt, FromJson, Read};

/// The JSON names of [`ExternalServiceSpec`]'s fields, in declaration order (serde's order
/// in `unknown field` messages).
pub(crate) const SPEC_FIELDS: &[&str] = &[
    "name",
    "namespace",
    "addresses",
    "externalName",
    "ports",
    "headless",
    "endpointsApi",
    "labels",
    "annotations",
    "clusterDomain",
];

/// The JSON names of [`PortSpec`]'s fields.
pub(crate) const PORT_FIELDS: &[&str] = &["name", "port", "protocol", "appProtocol"];

impl FromJson for ExternalServiceSpec {
    fn from_json(value: &serde_json::Value) -> Read<Self> {
        let mut s = ExternalServiceSpec::default();
        fields(
            value,
            "struct ExternalServiceSpec",
            SPEC_FIELDS,
            &mut |key, v| {
                match key {
                    "name" => s.name = or_default(v)?,
                    "namespace" => s.namespace = or_default(v)?,
                    "addresses" => s.addresses = or_default(v)?,
                    "externalName" => s.external_name = opt(v)?,
                    "ports" => s.ports = or_default(v)?,
                    "headless" => s.headless = or_default(v)?,
                    "endpointsApi" => s.endpoints_api = or_default(v)?,
                    "labels" => s.labels = or_default(v)?,
                    "annotations" => s.annotations = or_default(v)?,
                    _ => s.cluster_domain = opt(v)?,
                }
                Ok(())
            },
        )?;
        Ok(s)
    }
}

impl FromJson for PortSpec {
    fn from_json(value: &serde_json::Value) -> Read<Self> {
        let mut p = PortSpec::default();
        fields(value, "struct PortSpec", PORT_FIELDS, &mut |key, v| {
            match key {
                "name" => p.name = or_default(v)?,
                "port" => p.port = or_default(v)?,
                "protocol" => p.protocol = or_default(v)?,
                _ => p.app_protocol = opt(v)?,
            }
            Ok(())
        })?;
        Ok(p)
    }
}

impl FromJson for Protocol {
    fn from_json(value: &serde_json::Value) -> Read<Self> {
        Protocol::try_from(String::from_json(value)?).map_err(crate::json_read::PathError::new)
    }
}

impl FromJson for EndpointsApi {
    fn from_json(value: &serde_json::Value) -> Read<Self> {
        EndpointsApi::try_from(String::from_json(value)?).map_err(crate::json_read::PathError::new)
    }
}

/// `null` means the same as an absent field (`null_as_default`).
fn or_default<T: FromJson + Default>(value: &serde_json::Value) -> Read<T> {
    Ok(opt(value)?.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn defaults_and_nulls() {
        let spec: ExternalServiceSpec = serde_json::from_value(json!({
            "name": "db", "namespace": null, "labels": null,
            "ports": [{"port": 5432, "protocol": null, "name": null}]
        }))
        .unwrap();
        assert_eq!(spec.namespace_or_default(), "default");
        assert_eq!(spec.cluster_domain_or_default(), "cluster.local");
        assert_eq!(spec.endpoints_api, EndpointsApi::EndpointSlice);
        assert_eq!(spec.ports[0].protocol, Protocol::Tcp);
        assert_eq!(spec.ports[0].name, "");
        assert!(spec.labels.is_empty());
    }

    #[test]
    fn rejects_unknown_fields_and_wrong_case() {
        assert!(serde_json::from_value::<ExternalServiceSpec>(json!({"nmae": "x"})).is_err());
        let err = serde_json::from_value::<PortSpec>(json!({"port": 1, "protocol": "tcp"}))
            .expect_err("lower case");
        assert_eq!(
            err.to_string(),
            "Unsupported value: \"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""
        );
        let empty: PortSpec = serde_json::from_value(json!({"port": 1, "protocol": ""})).unwrap();
        assert_eq!(empty.protocol, Protocol::Tcp);
        assert!(
            serde_json::from_value::<ExternalServiceSpec>(json!({"endpointsApi": "slices"}))
                .is_err()
        );
    }
}
