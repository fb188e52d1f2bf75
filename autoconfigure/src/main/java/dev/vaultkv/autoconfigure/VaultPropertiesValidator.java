package dev.vaultkv.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.util.StringUtils;

/**
 * Checks combinations of {@link VaultProperties} that binding alone cannot, failing with Spring Boot's
 * own exceptions (which its failure analyzers describe) and never quoting a credential.
 */
final class VaultPropertiesValidator {

	private static final String MASK = "******";

	private VaultPropertiesValidator() {
	}

	static void validate(VaultProperties properties) {
		validateAuthentication(properties);
		validateKv(properties.getKv());
		validateCache(properties.getCache());
		validateRetry(properties.getRetry());
		positive("vault.connect-timeout", properties.getConnectTimeout());
		positive("vault.read-timeout", properties.getReadTimeout());
		positive("vault.connection.idle-timeout", properties.getConnection().getIdleTimeout());
		if (properties.getSession().getRenewalIncrement() != null) {
			positive("vault.session.renewal-increment", properties.getSession().getRenewalIncrement());
		}
		if (properties.getConnection().getMaxConnections() < 1) {
			throw new InvalidConfigurationPropertyValueException("vault.connection.max-connections",
					properties.getConnection().getMaxConnections(), "Must be at least 1");
		}
		validateProxy(properties.getProxy());
	}

	private static void validateProxy(VaultProperties.Proxy proxy) {
		boolean hasHost = StringUtils.hasText(proxy.getHost());
		if (!hasHost) {
			if (proxy.getPort() != null || StringUtils.hasText(proxy.getUsername())
					|| StringUtils.hasLength(proxy.getPassword()) || !proxy.getNonProxyHosts().isEmpty()) {
				throw new InvalidConfigurationPropertyValueException("vault.proxy.host", null,
						"vault.proxy.* settings need vault.proxy.host; without it the JDK's proxy system "
								+ "properties (https.proxyHost, http.nonProxyHosts, ...) apply");
			}
			return;
		}
		Integer port = proxy.getPort();
		if (port == null || port < 1 || port > 65535) {
			throw new InvalidConfigurationPropertyValueException("vault.proxy.port", port,
					"vault.proxy.host needs vault.proxy.port, between 1 and 65535");
		}
		if (StringUtils.hasText(proxy.getUsername()) != StringUtils.hasLength(proxy.getPassword())) {
			String missing = StringUtils.hasText(proxy.getUsername()) ? "vault.proxy.password" : "vault.proxy.username";
			throw new InvalidConfigurationPropertyValueException(missing, null,
					"Proxy credentials need both vault.proxy.username and vault.proxy.password");
		}
		for (String nonProxyHost : proxy.getNonProxyHosts()) {
			if (!StringUtils.hasText(nonProxyHost)) {
				throw new InvalidConfigurationPropertyValueException("vault.proxy.non-proxy-hosts",
						proxy.getNonProxyHosts(), "Must not contain empty host patterns");
			}
		}
	}

	private static void validateAuthentication(VaultProperties properties) {
		switch (properties.getAuthentication()) {
			case TOKEN -> {
			}
			case APPROLE -> {
				VaultProperties.AppRole appRole = properties.getAppRole();
				required("vault.app-role.role-id", appRole.getRoleId(), "approle");
				exclusive("vault.app-role.secret-id", appRole.getSecretId(), "vault.app-role.secret-id-file",
						appRole.getSecretIdFile());
				text("vault.app-role.path", appRole.getPath());
			}
			case KUBERNETES -> {
				required("vault.kubernetes.role", properties.getKubernetes().getRole(), "kubernetes");
				text("vault.kubernetes.service-account-token-file",
						properties.getKubernetes().getServiceAccountTokenFile());
				text("vault.kubernetes.path", properties.getKubernetes().getPath());
			}
			case JWT -> {
				VaultProperties.Jwt jwt = properties.getJwt();
				exclusive("vault.jwt.token", jwt.getToken(), "vault.jwt.token-file", jwt.getTokenFile());
				if (!StringUtils.hasText(jwt.getToken()) && !StringUtils.hasText(jwt.getTokenFile())) {
					throw new InvalidConfigurationPropertyValueException("vault.jwt.token", null,
							"vault.authentication=jwt needs vault.jwt.token or vault.jwt.token-file");
				}
				text("vault.jwt.path", jwt.getPath());
			}
			case USERPASS -> {
				required("vault.userpass.username", properties.getUserpass().getUsername(), "userpass");
				if (!StringUtils.hasLength(properties.getUserpass().getPassword())) {
					throw new InvalidConfigurationPropertyValueException("vault.userpass.password", null,
							"vault.authentication=userpass needs vault.userpass.password");
				}
				text("vault.userpass.path", properties.getUserpass().getPath());
			}
			case CERT -> {
				if (!StringUtils.hasText(properties.getSsl().getBundle())) {
					throw new InvalidConfigurationPropertyValueException("vault.ssl.bundle", null,
							"vault.authentication=cert needs an SSL bundle with the client certificate; "
									+ "set vault.ssl.bundle to a spring.ssl.bundle.* name");
				}
				text("vault.cert.path", properties.getCert().getPath());
			}
			case LDAP -> {
				VaultProperties.Ldap ldap = properties.getLdap();
				required("vault.ldap.username", ldap.getUsername(), "ldap");
				if (ldap.getUsername().contains("/")) {
					throw new InvalidConfigurationPropertyValueException("vault.ldap.username", ldap.getUsername(),
							"The username is sent in the login path and must not contain '/'");
				}
				exclusive("vault.ldap.password", ldap.getPassword(), "vault.ldap.password-file",
						ldap.getPasswordFile());
				if (!StringUtils.hasLength(ldap.getPassword()) && !StringUtils.hasText(ldap.getPasswordFile())) {
					throw new InvalidConfigurationPropertyValueException("vault.ldap.password", null,
							"vault.authentication=ldap needs vault.ldap.password or vault.ldap.password-file");
				}
				text("vault.ldap.path", ldap.getPath());
			}
			case GITHUB -> {
				VaultProperties.GitHub github = properties.getGithub();
				exclusive("vault.github.token", github.getToken(), "vault.github.token-file", github.getTokenFile());
				if (!StringUtils.hasText(github.getToken()) && !StringUtils.hasText(github.getTokenFile())) {
					throw new InvalidConfigurationPropertyValueException("vault.github.token", null,
							"vault.authentication=github needs a GitHub personal access token: set "
									+ "vault.github.token or vault.github.token-file");
				}
				text("vault.github.path", github.getPath());
			}
			case GCP_GCE -> {
				VaultProperties.GcpGce gce = properties.getGcpGce();
				required("vault.gcp-gce.role", gce.getRole(), "gcp-gce");
				text("vault.gcp-gce.service-account", gce.getServiceAccount());
				audience("vault.gcp-gce.audience", gce.getAudience(), gce.getRole());
				httpUri("vault.gcp-gce.metadata-uri", gce.getMetadataUri());
				text("vault.gcp-gce.path", gce.getPath());
			}
			case GCP_IAM -> {
				VaultProperties.GcpIam iam = properties.getGcpIam();
				required("vault.gcp-iam.role", iam.getRole(), "gcp-iam");
				required("vault.gcp-iam.service-account", iam.getServiceAccount(), "gcp-iam");
				audience("vault.gcp-iam.audience", iam.getAudience(), iam.getRole());
				positive("vault.gcp-iam.jwt-validity", iam.getJwtValidity());
				if (iam.getJwtValidity().compareTo(Duration.ofHours(1)) > 0) {
					throw new InvalidConfigurationPropertyValueException("vault.gcp-iam.jwt-validity",
							iam.getJwtValidity(), "Vault's GCP auth method accepts JWTs valid for at most the role's "
									+ "max_jwt_exp (15 minutes unless raised) and never more than 60 minutes");
				}
				httpUri("vault.gcp-iam.iam-credentials-uri", iam.getIamCredentialsUri());
				httpUri("vault.gcp-iam.metadata-uri", iam.getMetadataUri());
				text("vault.gcp-iam.path", iam.getPath());
			}
			case AZURE -> {
				VaultProperties.Azure azure = properties.getAzure();
				required("vault.azure.role", azure.getRole(), "azure");
				text("vault.azure.resource", azure.getResource());
				exclusive("vault.azure.client-id", azure.getClientId(), "vault.azure.object-id", azure.getObjectId());
				httpUri("vault.azure.imds-uri", azure.getImdsUri());
				text("vault.azure.path", azure.getPath());
			}
			case WRAPPED_TOKEN -> {
				VaultProperties.WrappedToken wrapped = properties.getWrappedToken();
				exclusive("vault.wrapped-token.token", wrapped.getToken(), "vault.wrapped-token.token-file",
						wrapped.getTokenFile());
				if (!StringUtils.hasText(wrapped.getToken()) && !StringUtils.hasText(wrapped.getTokenFile())) {
					throw new InvalidConfigurationPropertyValueException("vault.wrapped-token.token", null,
							"vault.authentication=wrapped-token needs vault.wrapped-token.token or "
									+ "vault.wrapped-token.token-file (the response-wrapping token, such as from "
									+ "'vault token create -wrap-ttl=5m')");
				}
			}
			case AWS_IAM -> {
				VaultProperties.AwsIam awsIam = properties.getAwsIam();
				boolean keyId = StringUtils.hasText(awsIam.getAccessKeyId());
				if (keyId != StringUtils.hasText(awsIam.getSecretAccessKey())) {
					String missing = keyId ? "vault.aws-iam.secret-access-key" : "vault.aws-iam.access-key-id";
					throw new InvalidConfigurationPropertyValueException(missing, null,
							"Static AWS credentials need both vault.aws-iam.access-key-id and "
									+ "vault.aws-iam.secret-access-key; set none to use the AWS_* environment "
									+ "variables or the AWS SDK default credentials chain");
				}
				if (!keyId && StringUtils.hasText(awsIam.getSessionToken())) {
					throw new InvalidConfigurationPropertyValueException("vault.aws-iam.access-key-id", null,
							"vault.aws-iam.session-token needs vault.aws-iam.access-key-id and "
									+ "vault.aws-iam.secret-access-key of the same temporary credentials");
				}
				url("vault.aws-iam.sts-endpoint", awsIam.getStsEndpoint(), "https://sts.eu-west-1.amazonaws.com");
				text("vault.aws-iam.path", awsIam.getPath());
			}
			case AWS_EC2 -> {
				VaultProperties.AwsEc2 awsEc2 = properties.getAwsEc2();
				text("vault.aws-ec2.metadata-endpoint", awsEc2.getMetadataEndpoint());
				url("vault.aws-ec2.metadata-endpoint", awsEc2.getMetadataEndpoint(), "http://169.254.169.254");
				positive("vault.aws-ec2.timeout", awsEc2.getTimeout());
				if (StringUtils.hasText(awsEc2.getNonce()) && awsEc2.getNonce().strip().length() > 128) {
					throw new InvalidConfigurationPropertyValueException("vault.aws-ec2.nonce", MASK,
							"Vault accepts a nonce of at most 128 characters");
				}
				text("vault.aws-ec2.path", awsEc2.getPath());
			}
		}
	}

	private static void audience(String name, @Nullable String audience, @Nullable String role) {
		if (StringUtils.hasText(audience) && !audience.trim().endsWith("vault/" + (role != null ? role.trim() : ""))) {
			throw new InvalidConfigurationPropertyValueException(name, audience,
					"Vault's GCP auth method requires the audience to end in 'vault/<role>'; leave it unset for "
							+ "'http://vault/<role>'");
		}
	}

	private static void httpUri(String name, @Nullable String value) {
		text(name, value);
		try {
			URI uri = new URI(value.trim());
			if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
				return;
			}
		}
		catch (URISyntaxException ex) {
			// reported below
		}
		throw new InvalidConfigurationPropertyValueException(name, value, "Must be an http(s) URL with a host");
	}

	private static void validateKv(VaultProperties.Kv kv) {
		text("vault.kv.mount", kv.getMount());
		text("vault.kv.default-key", kv.getDefaultKey());
		if (!Set.of("auto", "1", "2").contains(kv.getVersion().trim().toLowerCase(java.util.Locale.ROOT))) {
			throw new InvalidConfigurationPropertyValueException("vault.kv.version", kv.getVersion(),
					"The KV version must be auto, 1 or 2");
		}
	}

	private static void validateCache(VaultProperties.Cache cache) {
		positive("vault.cache.ttl", cache.getTtl());
		notNegative("vault.cache.refresh-ahead", cache.getRefreshAhead());
		if (cache.getRefreshAhead().compareTo(cache.getTtl()) >= 0) {
			throw new InvalidConfigurationPropertyValueException("vault.cache.refresh-ahead", cache.getRefreshAhead(),
					"The refresh must start before the end of vault.cache.ttl (" + cache.getTtl() + ")");
		}
		if (cache.getMaxSize() < 1) {
			throw new InvalidConfigurationPropertyValueException("vault.cache.max-size", cache.getMaxSize(),
					"The cache must hold at least one entry");
		}
		notNegative("vault.cache.max-staleness", cache.getMaxStaleness());
	}

	private static void validateRetry(VaultProperties.Retry retry) {
		if (retry.getMaxAttempts() < 1) {
			throw new InvalidConfigurationPropertyValueException("vault.retry.max-attempts", retry.getMaxAttempts(),
					"At least one attempt is needed");
		}
		positive("vault.retry.total-timeout", retry.getTotalTimeout());
		notNegative("vault.retry.initial-interval", retry.getInitialInterval());
		if (retry.getMultiplier() < 1) {
			throw new InvalidConfigurationPropertyValueException("vault.retry.multiplier", retry.getMultiplier(),
					"The multiplier must be 1 or more");
		}
		if (retry.getMaxInterval().compareTo(retry.getInitialInterval()) < 0) {
			throw new InvalidConfigurationPropertyValueException("vault.retry.max-interval", retry.getMaxInterval(),
					"The maximum interval must not be less than vault.retry.initial-interval");
		}
		notNegative("vault.retry.jitter", retry.getJitter());
	}

	private static void required(String name, @Nullable String value, String method) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(name, null,
					"vault.authentication=" + method + " needs " + name);
		}
	}

	private static void exclusive(String first, @Nullable String firstValue, String second,
			@Nullable String secondValue) {
		if (StringUtils.hasText(firstValue) && StringUtils.hasText(secondValue)) {
			Map<String, Object> values = new LinkedHashMap<>();
			values.put(first, MASK);
			values.put(second, secondValue);
			throw new MutuallyExclusiveConfigurationPropertiesException(values.keySet(), values.keySet());
		}
	}

	private static void url(String name, @Nullable String value, String example) {
		if (!StringUtils.hasText(value)) {
			return;
		}
		URI uri;
		try {
			uri = new URI(value.trim());
		}
		catch (URISyntaxException ex) {
			uri = null;
		}
		if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
			throw new InvalidConfigurationPropertyValueException(name, value,
					"The value must be an absolute URL such as " + example);
		}
	}

	private static void text(String name, @Nullable String value) {
		if (!StringUtils.hasText(value)) {
			throw new InvalidConfigurationPropertyValueException(name, value, "The value must not be empty");
		}
	}

	private static void positive(String name, @Nullable Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "The duration must be positive");
		}
	}

	private static void notNegative(String name, @Nullable Duration value) {
		if (value == null || value.isNegative()) {
			throw new InvalidConfigurationPropertyValueException(name, value, "The duration must not be negative");
		}
	}

}
