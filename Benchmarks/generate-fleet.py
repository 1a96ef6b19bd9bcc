#!/usr/bin/env python3
"""Writes a generated fleet of configurable size twice: as a kalc project (.kal files) and
as the equivalent Kalypso control plane in YAML (control-plane/ and workloads/), so that
kalc and the reference can run on the same input.

    Benchmarks/generate-fleet.py OUT [--environments 3] [--cluster-types 20]
        [--workloads 200] [--regions 5] [--configs-per-region 2] [--schemas 1]

OUT/kal/*.kal and OUT/yaml/{control-plane,workloads}/. Deterministic: the same sizes give
the same files. Each deployment target is assigned to the cluster types of two regions by
exactly one policy, so the fleet has environments x workloads x 2 x (cluster types /
regions) assignments.
"""
import argparse
import json
import os
import shutil

TEMPLATES_REPO = "https://github.com/contoso/kalypso-control-plane"
GITOPS_REPO = "https://github.com/contoso/kalypso-platform-gitops"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--environments", type=int, default=3)
    parser.add_argument("--cluster-types", type=int, default=20)
    parser.add_argument("--workloads", type=int, default=200)
    parser.add_argument("--regions", type=int, default=5)
    parser.add_argument("--configs-per-region", type=int, default=2)
    parser.add_argument("--schemas", type=int, default=1, help="ConfigSchema objects per environment")
    args = parser.parse_args()

    fleet = Fleet(args)
    if os.path.exists(args.out):
        shutil.rmtree(args.out)
    fleet.write_kal(os.path.join(args.out, "kal"))
    fleet.write_yaml(os.path.join(args.out, "yaml"))
    print(f"{args.out}: {len(fleet.environments)} environments, {args.cluster_types} cluster types, "
          f"{args.workloads} workloads, about {fleet.assignment_count()} assignments")


class Fleet:
    def __init__(self, args):
        self.args = args
        self.environments = [f"env{i}" for i in range(args.environments)]
        self.regions = [f"region{i}" for i in range(args.regions)]
        self.sizes = ["small", "large"]
        self.cluster_types = [
            (f"ct{i:03d}", self.regions[i % args.regions], self.sizes[(i // args.regions) % 2])
            for i in range(args.cluster_types)
        ]
        self.workloads = [(f"app{i:04d}", f"team{i % 7}", f"tier{i % args.regions}") for i in range(args.workloads)]

    def assignment_count(self):
        per_region = len(self.cluster_types) / len(self.regions)
        return int(len(self.environments) * len(self.workloads) * min(2, len(self.regions)) * per_region)

    def policies(self):
        """One policy per tier: targets of tier t go to regions t and t+1."""
        for t in range(len(self.regions)):
            regions = sorted({self.regions[t], self.regions[(t + 1) % len(self.regions)]})
            yield f"tier{t}-policy", f"tier{t}", regions

    def configs(self, env):
        yield f"{env}-base", {}, {"ENVIRONMENT": env, "LOG_LEVEL": "info", "FEATURES": "a,b,c"}
        for region in self.regions:
            for c in range(self.args.configs_per_region):
                yield f"{env}-{region}-{c}", {"region": region}, {
                    f"endpoint_{c}": f"https://{env}-{region}-{c}.contoso.com",
                    "REGION": region,
                }
        yield f"{env}-large", {"size": "large"}, {"REPLICAS": "3"}

    # --- kalc -----------------------------------------------------------------

    def write_kal(self, out):
        os.makedirs(out)
        lines = ["import std.templates", "",
                 f'repo controlPlane = "{TEMPLATES_REPO}"',
                 f'repo platformGitops = "{GITOPS_REPO}"', ""]
        with open(os.path.join(out, "repos.kal"), "w") as f:
            f.write("\n".join(lines).rstrip("\n") + "\n")
        for env in self.environments:
            out_lines = [f"environment {env} {{",
                         f'  controlPlane = controlPlane @ "{env}"',
                         f'  gitops = platformGitops @ "{env}"',
                         '  base = controlPlane @ "main"']
            for name, region, size in self.cluster_types:
                out_lines += ["", f"  clusterType {name} [region: {region}, size: {size}] {{",
                              "    reconciler = arc-flux", "    namespace = default", "    config = configmap", "  }"]
            for name, tier, regions in self.policies():
                out_lines += ["", f"  policy {name} {{",
                              f"    targets where tier == {tier}",
                              f"    clusterTypes where region in ({', '.join(regions)})", "  }"]
            for name, labels, data in self.configs(env):
                label_text = "" if not labels else " [" + ", ".join(f"{k}: {v}" for k, v in labels.items()) + "]"
                out_lines += ["", f"  config {name}{label_text} {{"]
                out_lines += [f"    {k} = {json.dumps(v)}" for k, v in data.items()]
                out_lines.append("  }")
            for s in range(self.args.schemas):
                out_lines += ["", f"  schema {env}-requirements-{s} [size: large] {{",
                              "    requires {", "      REPLICAS: integer min 1", "    }", "  }"]
            out_lines.append("}")
            with open(os.path.join(out, f"{env}.kal"), "w") as f:
                f.write("\n".join(out_lines) + "\n")
        w_lines = []
        for name, team, tier in self.workloads:
            w_lines += [f"workload {name} [tier: {tier}, team: {team}] {{",
                        f'  workspace = "{team}"',
                        f'  source = "https://github.com/contoso/{name}" @ "main" / "./workload"']
            for env in self.environments:
                w_lines += ["", f"  target {env} in {env} [purpose: {env}] {{",
                            f'    manifests = "https://github.com/contoso/{name}-gitops" @ "{env}" / "./manifests"', "  }"]
            w_lines += ["", "  requires {", "    ENVIRONMENT: string", "  }", "}", ""]
        with open(os.path.join(out, "workloads.kal"), "w") as f:
            f.write("\n".join(w_lines).rstrip("\n") + "\n")

    # --- Kalypso YAML ---------------------------------------------------------

    def write_yaml(self, out):
        from_stdlib = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "Fixtures", "golden",
                                   "basic-inference", "input", "control-plane", "main", "templates")
        main = os.path.join(out, "control-plane", "main")
        os.makedirs(os.path.join(main, ".environments"))
        shutil.copytree(from_stdlib, os.path.join(main, "templates"))
        os.makedirs(os.path.join(main, "workloads"))
        for env in self.environments:
            write(os.path.join(main, ".environments", f"{env}.yaml"), obj("Environment", env, {
                "controlPlane": {"repo": TEMPLATES_REPO, "branch": env, "path": "."}}))
            folder = os.path.join(out, "control-plane", env)
            write(os.path.join(folder, "gitops-repo.yaml"), obj("GitOpsRepo", env, {"repo": GITOPS_REPO, "branch": env, "path": "."}))
            write(os.path.join(folder, "base-repo.yaml"), obj("BaseRepo", "main", {"repo": TEMPLATES_REPO, "branch": "main", "path": "."}))
            for name, region, size in self.cluster_types:
                write(os.path.join(folder, "cluster-types", f"{name}.yaml"), obj("ClusterType", name, {
                    "reconciler": "arc-flux", "namespaceService": "default", "configType": "configmap"},
                    labels={"region": region, "size": size}))
            for name, tier, regions in self.policies():
                write(os.path.join(folder, "scheduling-policies", f"{name}.yaml"), obj("SchedulingPolicy", name, {
                    "deploymentTargetSelector": {"labelSelector": {"matchLabels": {"tier": tier}}},
                    "clusterTypeSelector": {"labelSelector": {"matchExpressions": [
                        {"key": "region", "operator": "In", "values": regions}]}}}))
            for name, labels, data in self.configs(env):
                write(os.path.join(folder, "configs", f"{name}.yaml"), {
                    "apiVersion": "v1", "kind": "ConfigMap",
                    "metadata": {"name": name, "labels": {"platform-config": "true", **labels}}, "data": data})
            for s in range(self.args.schemas):
                schema = {"type": "object", "properties": {"REPLICAS": {"type": "integer", "minimum": 1}}, "required": ["REPLICAS"]}
                write(os.path.join(folder, "config-schemas", f"{env}-requirements-{s}.yaml"), obj(
                    "ConfigSchema", f"{env}-requirements-{s}", {"schema": json.dumps(schema, indent=2) + "\n"}, labels={"size": "large"}))
        for name, team, tier in self.workloads:
            write(os.path.join(main, "workloads", f"{name}.yaml"), obj("WorkloadRegistration", name, {
                "workload": {"repo": f"https://github.com/contoso/{name}", "branch": "main", "path": "./workload"},
                "workspace": team}))
            targets = [{"name": env, "labels": {"purpose": env}, "environment": env,
                        "manifests": {"repo": f"https://github.com/contoso/{name}-gitops", "branch": env, "path": "./manifests"}}
                       for env in self.environments]
            schema = {"type": "object", "properties": {"ENVIRONMENT": {"type": "string"}}, "required": ["ENVIRONMENT"]}
            write(os.path.join(out, "workloads", name, "workload.yaml"), obj("Workload", name, {
                "deploymentTargets": targets, "configSchemas": [json.dumps(schema, indent=2) + "\n"]},
                labels={"tier": tier, "team": team}))


def obj(kind, name, spec, labels=None):
    metadata = {"name": name}
    if labels:
        metadata["labels"] = labels
    return {"apiVersion": "scheduler.kalypso.io/v1alpha1", "kind": kind, "metadata": metadata, "spec": spec}


def write(path, document):
    """JSON is YAML: every string is quoted, so nothing is read as another type."""
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(document, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
