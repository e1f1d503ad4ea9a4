package org.mfasuite.keycloak.cluster;

import java.util.concurrent.TimeUnit;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine the image and compose tests need: is one there, and are the base images present (pulled when
 * missing). Where no registry is reachable, {@code docker/build-stand-in-images.sh} builds stand-ins under the
 * official names first (as {@code .ci/run} does).
 */
final class DockerEngine {

    private static final long PULL_SECONDS = 90;

    private DockerEngine() {
    }

    /** Whether Testcontainers finds an engine (DOCKER_HOST, /var/run/docker.sock, ~/.testcontainers.properties). */
    static boolean available() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    /**
     * Each image is present, or is pulled now; otherwise fails at once naming the script, instead of Testcontainers'
     * retries (minutes) when no registry answers.
     */
    static void requireImages(String... images) {
        DockerClient client = DockerClientFactory.instance().client();
        for (String image : images) {
            try {
                client.inspectImageCmd(image).exec();
                continue;
            } catch (NotFoundException missing) {
                // pulled below
            }
            boolean pulled;
            Exception failure = null;
            try {
                pulled = client.pullImageCmd(image).exec(new PullImageResultCallback())
                        .awaitCompletion(PULL_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (RuntimeException e) {
                pulled = false;
                failure = e;
            }
            if (!pulled) {
                throw new IllegalStateException("The image " + image + " is not present and could not be pulled"
                        + " (no registry reachable?). Without a registry, build local stand-ins first, as root:"
                        + " docker/build-stand-in-images.sh", failure);
            }
        }
    }
}
