//! Documents that set every field extsvc reads and writes, for the reader and writer tests.

pub(crate) const SERVICE: &str = r#"
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
  creationTimestamp: "2024-01-02T03:04:05Z"
  deletionTimestamp: "2024-01-02T03:04:06Z"
  managedFields:
  - manager: kubectl
    operation: Apply
    time: "2024-01-02T03:04:07Z"
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
  conditions:
  - {type: Ready, status: "True", reason: Up, message: all good, observedGeneration: 3, lastTransitionTime: "2024-01-02T03:04:08Z"}
  loadBalancer:
    ingress:
    - ip: 192.0.2.1
      hostname: lb.example.com
      ipMode: VIP
      ports: [{port: 3306, protocol: TCP, error: none}]
"#;

pub(crate) const ENDPOINTS: &str = r#"
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

pub(crate) const ENDPOINT_SLICE: &str = r#"
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
