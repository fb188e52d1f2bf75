package dev.vaultkv.operations;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where a tenant's secrets live: a path prefix template and, optionally, a namespace template, in which
 * {@code {tenant}} stands for the tenant id.
 *
 * @param pathPrefix the path prefix template, for example {@code tenants/{tenant}/}
 * @param namespace the namespace template, for example {@code tenants/{tenant}}, or {@code null} to
 * keep the client's namespace
 * @since 0.1.0
 */
public record TenantLayout(String pathPrefix, @Nullable String namespace) {

	private static final String PLACEHOLDER = "{tenant}";

	private static final Pattern TENANT_ID = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]*");

	/**
	 * The default layout: {@code tenants/{tenant}/} in the client's namespace.
	 */
	public static final TenantLayout DEFAULT = new TenantLayout("tenants/{tenant}/", null);

	/**
	 * Create a new instance.
	 */
	public TenantLayout {
		Assert.notNull(pathPrefix, "'pathPrefix' must not be null");
		Assert.isTrue(pathPrefix.contains(PLACEHOLDER) || (namespace != null && namespace.contains(PLACEHOLDER)),
				"Set vault.tenants.path-prefix or vault.tenants.namespace to a value containing {tenant}, "
						+ "so that tenants are kept apart");
	}

	/**
	 * Return a tenant's path prefix, ending with {@code /} unless empty.
	 * @param tenant the tenant id
	 * @return the prefix
	 */
	public String prefix(String tenant) {
		String prefix = stripLeadingSlashes(this.pathPrefix.replace(PLACEHOLDER, checkTenant(tenant)));
		return (prefix.isEmpty() || prefix.endsWith("/")) ? prefix : prefix + "/";
	}

	/**
	 * Return a tenant's namespace.
	 * @param tenant the tenant id
	 * @return the namespace, or {@code null} to keep the client's namespace
	 */
	public @Nullable String namespace(String tenant) {
		return (this.namespace != null) ? this.namespace.replace(PLACEHOLDER, checkTenant(tenant)) : null;
	}

	private static String checkTenant(String tenant) {
		Assert.notNull(tenant, "'tenant' must not be null");
		if (!TENANT_ID.matcher(tenant).matches() || tenant.equals("..")) {
			throw new IllegalArgumentException("Invalid tenant id '" + tenant
					+ "': use letters, digits, '.', '_' and '-', not starting with '.'");
		}
		return tenant;
	}

	private static String stripLeadingSlashes(String path) {
		int start = 0;
		while (start < path.length() && path.charAt(start) == '/') {
			start++;
		}
		return path.substring(start);
	}

}
