import KalcDiagnostics
import XCTest

/// One test per static check of the model and the schedule, each at its marker.
final class ModelCheckTests: XCTestCase {
    func testTheBaseProjectIsClean() {
        checkDiagnostics(["a.kal": project()], [])
    }

    func testUnknownTemplateSuggestsTheClosestName() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          clusterType east-us [region: eastus] {
                            reconciler = 1️⃣arc-flx
                            namespace = default
                            config = configmap
                          }
                        """)
            ], [("a.kal", "1️⃣", .unknownTemplate, "no template is named `arc-flx`")], hint: "did you mean `arc-flux`?")
    }

    func testTemplateOfTheWrongType() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          clusterType east-us [region: eastus] {
                            reconciler = 1️⃣configmap
                            namespace = default
                            config = configmap
                          }
                        """)
            ], [("a.kal", "1️⃣", .templateOfWrongType, "which is a config template")])
    }

    func testMainBranchTemplateWithoutBaseRepo() {
        let source = project().replacingOccurrences(of: "  base = cp @ \"main\"\n", with: "")
            .replacingOccurrences(of: "reconciler = arc-flux", with: "reconciler = 1️⃣arc-flux")
            .replacingOccurrences(of: "namespace = default", with: "namespace = 2️⃣default")
            .replacingOccurrences(of: "config = configmap", with: "config = 3️⃣configmap")
            .replacingOccurrences(of: "target qa in qa", with: "target 4️⃣qa in qa")
        checkDiagnostics(
            ["a.kal": source],
            [
                ("a.kal", "1️⃣", .templateNotInEnvironment, "template `arc-flux` does not reach environment `qa`"),
                ("a.kal", "2️⃣", .templateNotInEnvironment, "template `default` does not reach"),
                ("a.kal", "3️⃣", .templateNotInEnvironment, "template `configmap` does not reach"),
                ("a.kal", "4️⃣", .targetNotDelivered, "never reaches environment `qa`"),
            ])
    }

    func testDuplicateNames() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          policy 1️⃣everything {}
                        """)
            ], [("a.kal", "1️⃣", .duplicateName, "policy `everything` is declared twice in environment `qa`")])
    }

    func testATargetNameRepeatsOnlyInOtherEnvironments() {
        checkDiagnostics(
            [
                "a.kal": project(
                    workload: """
                          target qa in dev {
                            manifests = cp @ "dev"
                          }

                          target 1️⃣qa in qa {
                            manifests = cp @ "qa"
                          }
                        """,
                    top: """
                          environment dev {
                            controlPlane = cp @ "dev"
                            gitops = cp @ "gitops-dev"
                            base = cp @ "main"

                            clusterType small {
                              reconciler = arc-flux
                              namespace = default
                              config = configmap
                            }

                            policy everything {}
                          }
                        """)
            ], [("a.kal", "1️⃣", .duplicateName, "deployment target `qa` is declared twice in workload `app` for environment `qa`")])
    }

    func testEnvironmentObjectHidingAMainBranchObject() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          template 1️⃣configmap {
                            type = config
                            manifest "x"
                          }
                        """)
            ], [("a.kal", "1️⃣", .shadowedName, "template `configmap` of environment `qa` hides the one at the top level")])
    }

    func testEnvironmentNameWithDashAndNamedMain() {
        checkDiagnostics(
            [
                "a.kal": project(
                    top: """
                        environment 1️⃣qa-west {
                          controlPlane = cp @ "qa-west"
                          gitops = cp @ "x"
                        }

                        environment 2️⃣main {
                          controlPlane = cp @ "main"
                          gitops = cp @ "x"
                        }
                        """)
            ],
            [
                ("a.kal", "1️⃣", .environmentNameWithDash, "environment name `qa-west` contains `-`"),
                ("a.kal", "2️⃣", .environmentNamedMain, "cannot be named `main`"),
            ])
    }

    func testGitOpsBranchNamesGitRefusesAreLocatedAtTheBranch() {
        checkDiagnostics(
            [
                "a.kal": project(
                    top: """
                        environment one {
                          controlPlane = cp @ "one"
                          gitops = cp @ 1️⃣"a..b"
                        }

                        environment two {
                          controlPlane = cp @ "two"
                          gitops = cp @ 2️⃣"HEAD"
                        }

                        environment three {
                          controlPlane = cp @ "three"
                          gitops = cp @ 3️⃣""
                        }

                        environment four {
                          controlPlane = cp @ "four"
                          gitops = cp @ 4️⃣"release/x.lock" / "clusters"
                        }
                        """)
            ],
            [
                ("a.kal", "1️⃣", .invalidBranchName, "git refuses the branch name `a..b`: a branch name cannot contain `..`"),
                ("a.kal", "2️⃣", .invalidBranchName, "`HEAD` is not a branch name"),
                ("a.kal", "3️⃣", .invalidBranchName, "cannot be empty"),
                ("a.kal", "4️⃣", .invalidBranchName, "the part `x.lock` ends with `.lock`"),
            ])
    }

    func testEnvironmentWithoutGitOpsRepository() {
        checkDiagnostics(
            [
                "a.kal": project(
                    top: """
                        environment 1️⃣prod {
                          controlPlane = cp @ "prod"
                        }
                        """)
            ], [("a.kal", "1️⃣", .missingGitOpsRepo, "environment `prod` has no GitOps repository")])
    }

    func testOverlappingPoliciesNameBoth() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          policy second {
                            1️⃣targets where workload == app
                          }
                        """)
            ], [("a.kal", "1️⃣", .overlappingPolicies, "policies `everything` and `second` both schedule deployment target `app-qa` on cluster type `west-us`")])
    }

    func testSelectorsThatMatchNothing() {
        let source = project(
            environment: """
                  policy nothing {
                    1️⃣targets where purpose == tset
                    2️⃣clusterTypes where region == eastus
                  }
                """)
        checkDiagnostics(
            ["a.kal": source],
            [
                ("a.kal", "1️⃣", .selectorMatchesNothing, "selects no deployment target"),
                ("a.kal", "2️⃣", .selectorMatchesNothing, "selects no cluster type"),
            ], hint: "did you mean `purpose == test`?")
    }

    func testUnscheduledTarget() {
        let source = project().replacingOccurrences(of: "  policy everything {}\n", with: "")
            .replacingOccurrences(of: "target qa in qa", with: "target 1️⃣qa in qa")
        checkDiagnostics(["a.kal": source], [("a.kal", "1️⃣", .unscheduledTarget, "no policy schedules deployment target `app-qa`")])
    }

    func testInvalidSelector() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          policy broken {
                            targets where 1️⃣"bad key!" == x
                          }
                        """)
            ], [("a.kal", "1️⃣", .invalidSelector, "invalid label key `bad key!`")])
    }

    func testUnknownEnvironmentRegistrationRepositoryAndModule() {
        let source = """
            import 1️⃣std.templatez

            workload w {
              registration = 2️⃣shared
              target t in 3️⃣qa {
                manifests = 4️⃣nowhere @ "qa"
              }
            }
            """
        checkDiagnostics(
            ["a.kal": source],
            [
                ("a.kal", "1️⃣", .unknownModule, "no module is named `std.templatez`"),
                ("a.kal", "2️⃣", .unknownRegistration, "no registration is named `shared`"),
                ("a.kal", "3️⃣", .unknownEnvironment, "no environment is named `qa`"),
                ("a.kal", "4️⃣", .unknownRepository, "no repository is named `nowhere`"),
            ], hint: "did you mean `std.templates`?")
    }

    func testKubernetesNameRules() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          clusterType 1️⃣West_US [2️⃣"bad key!": x, size: 3️⃣"-large"] {
                            reconciler = arc-flux
                            namespace = default
                            config = configmap
                          }

                          config c {
                            4️⃣"bad key" = x
                          }
                        """)
            ],
            [
                ("a.kal", "1️⃣", .invalidObjectName, "`West_US` is not a valid Kubernetes name"),
                ("a.kal", "2️⃣", .invalidLabelKey, "`bad key!` is not a valid label key"),
                ("a.kal", "3️⃣", .invalidLabelValue, "`-large` is not a valid label value"),
                ("a.kal", "4️⃣", .invalidConfigKey, "`bad key` is not a valid ConfigMap key"),
            ])
    }

    func testComposedNamesLongerThanALabelValue() {
        let long = String(repeating: "a", count: 60)
        checkDiagnostics(
            [
                "a.kal": project(
                    workload: """
                          target 1️⃣\(long) in qa {
                            manifests = cp @ "qa"
                          }
                        """)
            ], [("a.kal", "1️⃣", .invalidComposedName, "which holds at most 63")])
    }

    func testStructuralMistakes() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          clusterType 1️⃣east-us {
                            reconciler = arc-flux
                            2️⃣namespce = default
                            config = configmap
                          }
                        """,
                    top: """
                        3️⃣target t in qa {}
                        """)
            ],
            [
                ("a.kal", "1️⃣", .missingProperty, "a cluster type needs `namespace = ...`"),
                ("a.kal", "2️⃣", .unknownProperty, "a cluster type has no property `namespce`"),
                ("a.kal", "3️⃣", .misplacedDeclaration, "a `target` belongs inside a `workload`"),
            ], hint: "did you mean `namespace`?")
    }

    func testConfigValueThatKalypsoRendersAgain() {
        checkDiagnostics(
            [
                "a.kal": project(
                    environment: """
                          config c {
                            1️⃣greeting = "hello {{ .Workload }}"
                          }
                        """)
            ], [("a.kal", "1️⃣", .configValueIsTemplate, "config value `greeting` contains `{{`")])
    }

    func testWorkloadWithoutRegistration() {
        checkDiagnostics(["a.kal": "workload 1️⃣w {}\n"], [("a.kal", "1️⃣", .missingRegistration, "workload `w` is not registered")])
    }

    func testNamesResolveAcrossFiles() {
        checkDiagnostics(
            [
                "a.kal": project(),
                "b.kal": """
                environment prod {
                  controlPlane = cp @ "prod"
                  gitops = cp @ "gitops-prod"
                  base = cp @ "main"
                  clusterType big {
                    reconciler = argocd
                    namespace = default
                    config = configmap
                  }
                  policy all {}
                }
                """,
            ], [])
    }
}
