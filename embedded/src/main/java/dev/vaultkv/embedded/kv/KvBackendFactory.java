package dev.vaultkv.embedded.kv;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.vaultkv.embedded.spi.Backend;
import dev.vaultkv.embedded.spi.BackendFactory;
import dev.vaultkv.embedded.spi.MountContext;

/**
 * Creates the backend of a {@code kv} mount: version 2 when the mount's {@code version} option is
 * {@code "2"}, version 1 when it is absent, empty or {@code "1"}.
 * <p>
 * The backend is a {@link KvBackend}; the core upgrades a version 1 mount tuned with
 * {@code options.version=2} by calling {@link KvBackend#upgradeToV2()} on it.
 *
 * @author vaultkv
 * @since 0.1.0
 */
public final class KvBackendFactory implements BackendFactory {

	/**
	 * Create the backend of a mount.
	 * @param context the mount
	 * @return a {@link KvBackend}
	 * @throws IllegalArgumentException when the {@code version} option is neither 1 nor 2
	 * @since 0.1.0
	 */
	@Override
	public Backend create(MountContext context) {
		Objects.requireNonNull(context, "'context' must not be null");
		return new KvBackend(context, version(context.options().get("version")));
	}

	/**
	 * The KV version an options value selects.
	 * @param option the {@code version} option, possibly {@code null}
	 * @return {@code 1} or {@code 2}
	 * @throws IllegalArgumentException when the value is neither 1 nor 2
	 * @since 0.1.0
	 */
	public static int version(@Nullable String option) {
		if (option == null || option.isEmpty() || "1".equals(option)) {
			return 1;
		}
		if ("2".equals(option)) {
			return 2;
		}
		throw new IllegalArgumentException("KV version option must be \"1\" or \"2\", got \"" + option + "\"");
	}

}
