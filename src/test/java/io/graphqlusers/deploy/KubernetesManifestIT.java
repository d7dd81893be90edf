package io.graphqlusers.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.kubernetes.client.openapi.JSON;
import io.kubernetes.client.openapi.models.V1Container;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1EnvVar;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Probe;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1Volume;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;
import io.kubernetes.client.util.Yaml;

/**
 * The manifests `./mvnw package` generates (target/kubernetes/kubernetes.yml), parsed strictly with the official
 * Kubernetes Java client (an unknown field, a wrong type or a missing required field fails), and checked for what
 * no schema checks: probes, ports, label agreement and secret references. Runs after packaging (failsafe).
 */
class KubernetesManifestIT {

    private static V1Deployment deployment;
    private static V1Service service;
    private static V1PodDisruptionBudget disruptionBudget;
    private static V2HorizontalPodAutoscaler autoscaler;
    private static final List<String> KINDS = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        String yaml = Files.readString(Path.of("target/kubernetes/kubernetes.yml"));
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.isBlank()) {
                continue;
            }
            Map<?, ?> raw = Yaml.loadAs(document, Map.class);
            String kind = String.valueOf(raw.get("kind"));
            KINDS.add(kind);
            if (kind.equals("ServiceMonitor")) {
                continue; // A Prometheus Operator resource: not a built-in kind the client knows.
            }
            Object parsed = Yaml.load(document);
            // The gson round trip runs the client's generated validation (required fields).
            Object checked = JSON.deserialize(JSON.serialize(parsed), parsed.getClass());
            if (checked instanceof V1Deployment d) {
                deployment = d;
            } else if (checked instanceof V1Service s) {
                service = s;
            } else if (checked instanceof V1PodDisruptionBudget budget) {
                disruptionBudget = budget;
            } else if (checked instanceof V2HorizontalPodAutoscaler hpa) {
                autoscaler = hpa;
            }
        }
        assertNotNull(deployment, "a Deployment");
        assertNotNull(service, "a Service");
        assertNotNull(disruptionBudget, "a PodDisruptionBudget");
        assertNotNull(autoscaler, "a HorizontalPodAutoscaler");
    }

    @Test
    void runsAtLeastTwoReplicasWithResourceBounds() {
        assertTrue(deployment.getSpec().getReplicas() >= 2);
        V1Container container = container();
        assertNotNull(container.getResources().getRequests().get("cpu"));
        assertNotNull(container.getResources().getRequests().get("memory"));
        assertNotNull(container.getResources().getLimits().get("memory"));
    }

    @Test
    void probesHitTheHealthEndpointsOnTheContainerPort() {
        V1Container container = container();
        int port = container.getPorts().get(0).getContainerPort();
        assertEquals(8080, port);
        assertProbe(container.getLivenessProbe(), "/q/health/live", port);
        assertProbe(container.getReadinessProbe(), "/q/health/ready", port);
        assertProbe(container.getStartupProbe(), "/q/health/started", port);
    }

    @Test
    void serviceSelectsThePodsAndTargetsTheirPort() {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(deployment.getSpec().getSelector().getMatchLabels().entrySet()),
                "the Deployment's selector matches its pod template");
        assertTrue(podLabels.entrySet().containsAll(service.getSpec().getSelector().entrySet()),
                "the Service selects the pods");
        assertEquals(8080, service.getSpec().getPorts().get(0).getTargetPort().getIntValue());
    }

    @Test
    void disruptionsAndScalingKeepAReplicaServing() {
        Map<String, String> podLabels = deployment.getSpec().getTemplate().getMetadata().getLabels();
        assertTrue(podLabels.entrySet().containsAll(disruptionBudget.getSpec().getSelector().getMatchLabels().entrySet()),
                "the PodDisruptionBudget selects the pods");
        assertEquals(1, disruptionBudget.getSpec().getMinAvailable().getIntValue());
        assertEquals("Deployment", autoscaler.getSpec().getScaleTargetRef().getKind());
        assertEquals(deployment.getMetadata().getName(), autoscaler.getSpec().getScaleTargetRef().getName());
        assertTrue(autoscaler.getSpec().getMinReplicas() >= 2, "never fewer replicas than the Deployment's two");
        assertTrue(autoscaler.getSpec().getMaxReplicas() > autoscaler.getSpec().getMinReplicas());
        assertEquals("cpu", autoscaler.getSpec().getMetrics().get(0).getResource().getName());
    }

    @Test
    void credentialsAndKeysComeFromSecrets() {
        V1Container container = container();
        assertEquals("graphql-users-db", container.getEnvFrom().get(0).getSecretRef().getName());
        V1Volume keys = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(volume -> volume.getSecret() != null).findFirst().orElseThrow();
        assertEquals("graphql-users-jwt", keys.getSecret().getSecretName());
        assertEquals("/secrets/jwt", container.getVolumeMounts().stream()
                .filter(mount -> mount.getName().equals(keys.getName())).findFirst().orElseThrow().getMountPath());
        assertEquals("file:/secrets/jwt/private.pem", env(container, "SMALLRYE_JWT_SIGN_KEY_LOCATION"));
        assertEquals("file:/secrets/jwt/public.pem", env(container, "MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
    }

    @Test
    void containsNoInitJobOrExtraImages() {
        assertEquals(List.of("PodDisruptionBudget", "Service", "Deployment", "HorizontalPodAutoscaler", "ServiceMonitor"),
                KINDS.stream().filter(kind -> !kind.equals(
                        "ServiceAccount")).toList());
        assertEquals(1, deployment.getSpec().getTemplate().getSpec().getContainers().size());
        assertTrue(deployment.getSpec().getTemplate().getSpec().getInitContainers() == null
                || deployment.getSpec().getTemplate().getSpec().getInitContainers().isEmpty());
    }

    private static V1Container container() {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static String env(V1Container container, String name) {
        return container.getEnv().stream().filter(variable -> variable.getName().equals(name)).map(V1EnvVar::getValue)
                .findFirst().orElseThrow();
    }

    private static void assertProbe(V1Probe probe, String path, int port) {
        assertNotNull(probe, path);
        assertEquals(path, probe.getHttpGet().getPath());
        assertEquals(port, probe.getHttpGet().getPort().getIntValue());
    }
}
