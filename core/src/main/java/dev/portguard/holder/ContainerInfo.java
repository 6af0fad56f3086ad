package dev.portguard.holder;

/**
 * A container that publishes a port through its runtime's proxy.
 *
 * @param runtime the container runtime's command, {@code docker} or {@code podman}
 * @param id the container's id, as the runtime prints it
 * @param name the container's name
 * @param image the container's image
 */
public record ContainerInfo(String runtime, String id, String name, String image) {
}
