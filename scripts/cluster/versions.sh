# Pinned versions of the loopback test cluster (sourced by the cluster scripts).
# Keep in sync with tools/k8s/go.mod, tools/etcd/go.mod and tools/kwok/go.mod.
K8S_VERSION=v1.36.3
K8S_MAJOR=1
K8S_MINOR=36
ETCD_VERSION=v3.6.16
KWOK_VERSION=v0.8.0
CLUSTER_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd etcdctl etcdutl kwok kwokctl)
