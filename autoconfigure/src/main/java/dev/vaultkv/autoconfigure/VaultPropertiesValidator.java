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
