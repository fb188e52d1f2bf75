package dev.vaultkv.embedded.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vaultkv.embedded.auth.AwsIdentityDocuments.VerificationException;
import dev.vaultkv.embedded.auth.AwsStsVerifier.StsException;
import dev.vaultkv.embedded.standin.AwsAccessKeys;
import dev.vaultkv.embedded.standin.AwsAccessKeys.AccessKey;
import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The AWS auth method ({@code auth/aws}): client, identity and certificate configuration, roles of
 * {@code auth_type} {@code iam} or {@code ec2}, the identity access list and login.
 * <p>
 * IAM login checks the forwarded {@code sts:GetCallerIdentity} request in process instead of sending it to
 * STS: its Signature Version 4 against the {@link AwsAccessKeys} registered with the server, its time (15
 * minutes either side of the server clock), its action, and the {@code X-Vault-AWS-IAM-Server-ID} header
 * when {@code iam_server_id_header_value} is configured. EC2 login verifies the PKCS#7 identity document
 * against the certificates registered at {@code config/certificate/<name>} and keeps Vault's nonce rules;
 * with no EC2 API to ask, the document's own instance, AMI, account and region are trusted, and bounds
 * that need the EC2 or IAM API (VPC, subnet, IAM role or instance profile, inferred EC2 entities) refuse
 * the login saying so.
 *
 * @author vaultkv
 */
final class AwsBackend extends RoleAuthBackend<AwsRole> {

	private static final Pattern CERTIFICATE = Pattern.compile("config/certificate/" + NAME);

	private static final Pattern ACCESS_LIST = Pattern.compile("identity-accesslist/" + NAME);

	private static final Pattern REGIONAL_STS = Pattern.compile("sts\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

	private static final List<String> IAM_ALIASES = List.of("role_id", "unique_id", "full_arn", "canonical_arn");

	private static final List<String> EC2_ALIASES = List.of("role_id", "instance_id", "image_id");

	private final AwsStsVerifier sts;

	private final Map<String, Certificate> certificates = new TreeMap<>();

	private final Map<String, AwsAccessListEntry> accessList = new TreeMap<>();

	private final ObjectNode identityConfig = defaultIdentityConfig();

	private @Nullable AwsClientConfig clientConfig;

	AwsBackend(MountContext context, AwsAccessKeys keys) {
		// Vault stores the role names of this method in lower case
		super(context, RoleStore.lowerCase(AwsRole::toData));
		this.sts = new AwsStsVerifier(keys);
	}

	@Override
	protected @Nullable ApiResponse routeMethodPaths(ApiRequest request, Params params) {
		String subPath = request.subPath();
		switch (subPath) {
			case "config/client" -> {
				return clientConfig(request, params);
			}
			case "config/identity" -> {
				return identityConfig(request, params);
			}
			case "config/certificates", "config/certificates/" -> {
				return request.isList() ? keys(this.certificates.keySet()) : unsupportedOperation();
			}
			case "identity-accesslist", "identity-accesslist/" -> {
				return request.isList() ? keys(this.accessList.keySet()) : unsupportedOperation();
			}
			case "roles", "roles/" -> {
				return request.isList() ? keys(this.roles.names()) : unsupportedOperation();
			}
			default -> {
			}
		}
		Matcher certificate = match(CERTIFICATE, subPath);
		if (certificate != null) {
			return certificate(request, params, certificate.group(1));
		}
		Matcher entry = match(ACCESS_LIST, subPath);
		if (entry != null) {
			return accessListEntry(request, entry.group(1));
		}
		return null;
	}

	// config/client

	private ApiResponse clientConfig(ApiRequest request, Params params) {
		return configEndpoints(request, params,
				() -> (this.clientConfig != null) ? this.clientConfig.toData() : null, this::writeClientConfig,
				() -> this.clientConfig = null);
	}

	private ApiResponse writeClientConfig(Params params) {
		AwsClientConfig config = (this.clientConfig != null) ? this.clientConfig.copy() : new AwsClientConfig();
		config.accessKey = params.string("access_key", config.accessKey);
		config.secretKey = params.string("secret_key", config.secretKey);
		config.endpoint = params.string("endpoint", config.endpoint);
		config.iamEndpoint = params.string("iam_endpoint", config.iamEndpoint);
		config.stsEndpoint = params.string("sts_endpoint", config.stsEndpoint);
		config.stsRegion = params.string("sts_region", config.stsRegion);
		config.serverIdHeaderValue = params.string("iam_server_id_header_value", config.serverIdHeaderValue);
		Integer retries = params.integer("max_retries");
		if (retries != null) {
			config.maxRetries = retries;
		}
		List<String> allowed = params.stringList("allowed_sts_header_values");
		if (allowed != null) {
			config.allowedStsHeaderValues = allowed;
		}
		config.useStsRegionFromClient = params.bool("use_sts_region_from_client", config.useStsRegionFromClient);
		if (!config.stsEndpoint.isEmpty()) {
			URI endpoint = parseUri(config.stsEndpoint);
			if (endpoint == null || endpoint.getHost() == null) {
				throw AuthRequestException.badRequest("invalid sts_endpoint \"" + config.stsEndpoint + "\"");
			}
		}
		this.clientConfig = config;
		return ApiResponse.noContent();
	}

	// config/identity

	private static ObjectNode defaultIdentityConfig() {
		ObjectNode data = Json.object();
		data.put("iam_alias", "role_id");
		data.set("iam_metadata", Json.array(List.of()));
		data.put("ec2_alias", "role_id");
		data.set("ec2_metadata", Json.array(List.of()));
		return data;
	}

	private ApiResponse identityConfig(ApiRequest request, Params params) {
		return configEndpoints(request, params, this.identityConfig::deepCopy, this::writeIdentityConfig);
	}

	private ApiResponse writeIdentityConfig(Params params) {
		String iamAlias = params.string("iam_alias");
		if (iamAlias != null && !IAM_ALIASES.contains(iamAlias)) {
			throw AuthRequestException.badRequest("iam_alias of " + iamAlias + " not in set of allowed values");
		}
		String ec2Alias = params.string("ec2_alias");
		if (ec2Alias != null && !EC2_ALIASES.contains(ec2Alias)) {
			throw AuthRequestException.badRequest("ec2_alias of " + ec2Alias + " not in set of allowed values");
		}
		if (iamAlias != null) {
			this.identityConfig.put("iam_alias", iamAlias);
		}
		if (ec2Alias != null) {
			this.identityConfig.put("ec2_alias", ec2Alias);
		}
		List<String> iamMetadata = params.stringList("iam_metadata");
		if (iamMetadata != null) {
			this.identityConfig.set("iam_metadata", Json.array(iamMetadata));
		}
		List<String> ec2Metadata = params.stringList("ec2_metadata");
		if (ec2Metadata != null) {
			this.identityConfig.set("ec2_metadata", Json.array(ec2Metadata));
		}
		return ApiResponse.noContent();
	}

	// config/certificate/<name>

	private ApiResponse certificate(ApiRequest request, Params params, String name) {
		String key = name.toLowerCase(Locale.ROOT);
		if (request.isRead()) {
			Certificate certificate = this.certificates.get(key);
			return (certificate != null) ? ApiResponse.ok(certificate.toData()) : ApiResponse.notFound();
		}
		if (request.isDelete()) {
			this.certificates.remove(key);
			return ApiResponse.noContent();
		}
		if (!request.isWrite()) {
			return unsupportedOperation();
		}
		Certificate existing = this.certificates.get(key);
		String pem = params.string("aws_public_cert", (existing != null) ? existing.pem : "").trim();
		if (pem.isEmpty()) {
			throw AuthRequestException.badRequest("missing aws_public_cert");
		}
		String type = params.string("type", (existing != null) ? existing.type : "pkcs7").toLowerCase(Locale.ROOT);
		if (!type.equals("pkcs7") && !type.equals("identity")) {
			throw AuthRequestException.badRequest("invalid certificate type \"" + type + "\"");
		}
		if (!pem.startsWith("-----BEGIN")) {
			try {
				pem = new String(Base64.getMimeDecoder().decode(pem), StandardCharsets.UTF_8).trim();
			}
			catch (IllegalArgumentException ex) {
				throw AuthRequestException.badRequest("invalid certificate; failed to decode and parse certificate");
			}
		}
		List<X509Certificate> parsed = PublicKeys.parseCertificates(pem);
		if (parsed.size() != 1) {
			throw AuthRequestException.badRequest("invalid certificate; failed to decode and parse certificate");
		}
		this.certificates.put(key, new Certificate(pem, type, parsed.get(0)));
		return ApiResponse.noContent();
	}

	private List<X509Certificate> certificatesOfType(String type) {
		return this.certificates.values().stream().filter((c) -> c.type.equals(type)).map(Certificate::x509).toList();
	}

	// identity-accesslist/<instance_id>

	private ApiResponse accessListEntry(ApiRequest request, String instanceId) {
		if (request.isRead()) {
			AwsAccessListEntry entry = this.accessList.get(instanceId);
			return (entry != null) ? ApiResponse.ok(entry.toData()) : ApiResponse.notFound();
		}
		if (request.isDelete()) {
			this.accessList.remove(instanceId);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	// role/<name>

	@Override
	protected ApiResponse writeRole(String name, Params params) {
		AwsRole existing = this.roles.get(name);
		AwsRole role = (existing != null) ? existing.copy() : new AwsRole();
		role.update(params, existing == null);
		role.token.parse(params);
		long max = this.context.maxLeaseTtlSeconds();
		if (max > 0 && role.token.period.toSeconds() > max) {
			throw AuthRequestException.badRequest("period of \"" + role.token.period.toSeconds()
					+ "s\" is greater than the backend's maximum lease TTL of \"" + max + "s\"");
		}
		this.roles.put(name, role);
		return stored(role.token);
	}

	// login

	@Override
	protected ApiResponse login(ApiRequest request, Params params) {
		boolean anyEc2 = params.has("pkcs7") || params.has("identity") || params.has("signature");
		boolean allEc2 = params.has("pkcs7") || (params.has("identity") && params.has("signature"));
		List<String> iamFields = List.of("iam_http_request_method", "iam_request_url", "iam_request_body",
				"iam_request_headers");
		boolean anyIam = iamFields.stream().anyMatch(params::has);
		boolean allIam = iamFields.stream().allMatch(params::has);
		if (anyEc2 && anyIam) {
			throw AuthRequestException.badRequest("supplied auth values for both ec2 and iam auth types");
		}
		if (anyEc2) {
			if (!allEc2) {
				throw AuthRequestException
					.badRequest("supplied some of the auth values for the ec2 auth type but not all");
			}
			return loginEc2(request, params);
		}
		if (anyIam) {
			if (!allIam) {
				throw AuthRequestException
					.badRequest("supplied some of the auth values for the iam auth type but not all");
			}
			return loginIam(request, params);
		}
		throw AuthRequestException.badRequest("didn't supply required authentication values");
	}

	private ApiResponse loginIam(ApiRequest request, Params params) {
		AwsIamLoginRequest forwarded = AwsIamLoginRequest.of(params);
		AwsClientConfig config = this.clientConfig;
		if (config != null && !config.serverIdHeaderValue.isEmpty()) {
			String problem = forwarded.serverIdProblem(config.serverIdHeaderValue);
			if (problem != null) {
				throw AuthRequestException.badRequest(
						"error validating " + AwsIamLoginRequest.SERVER_ID_HEADER + " header: " + problem);
			}
		}
		AccessKey caller;
		try {
			caller = this.sts.verify(forwarded.method(), forwarded.url(), forwarded.body(), forwarded.headers(),
					stsRegion(config), request.now());
		}
		catch (StsException ex) {
			throw AuthRequestException.badRequest("error making upstream request: received error code "
					+ ex.status() + " from STS: " + ex.getMessage());
		}
		AwsIamPrincipal entity;
		try {
			entity = AwsIamPrincipal.parse(caller.arn());
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException
				.badRequest("error parsing arn \"" + caller.arn() + "\": " + ex.getMessage());
		}
		String roleName = params.string("role", "");
		if (roleName.isEmpty()) {
			roleName = entity.friendlyName();
		}
		AwsRole role = this.roles.get(roleName);
		if (role == null) {
			throw AuthRequestException.badRequest("entry for role " + roleName + " not found");
		}
		if (!role.authType.equals("iam")) {
			throw AuthRequestException.badRequest("auth method iam not allowed for role " + roleName);
		}
		List<String> principals = role.bound("bound_iam_principal_arn");
		if (!principals.isEmpty()) {
			String fullArn = entity.type().equals("assumed-role") ? entity.canonicalArn() : caller.arn();
			boolean matched = (role.resolveAwsUniqueIds) ? role.principalIds().contains(entity.uniqueId())
					: principals.contains(entity.canonicalArn());
			matched = matched || principals.stream().anyMatch((arn) -> arn.endsWith("*") && Globs.matches(arn, fullArn));
			if (!matched) {
				throw AuthRequestException.badRequest(
						"IAM Principal \"" + caller.arn() + "\" does not belong to the role \"" + roleName + "\"");
			}
		}
		if (!role.inferredEntityType.isEmpty()) {
			throw AuthRequestException.badRequest("inferred_entity_type " + role.inferredEntityType
					+ " needs the EC2 API, which the vaultkv embedded dev server does not have");
		}
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("client_arn", caller.arn());
		metadata.put("canonical_arn", entity.canonicalArn());
		metadata.put("client_user_id", entity.uniqueId());
		metadata.put("auth_type", "iam");
		metadata.put("inferred_entity_type", "");
		metadata.put("inferred_entity_id", "");
		metadata.put("inferred_aws_region", "");
		metadata.put("account_id", entity.account());
		metadata.put("role_id", role.roleId);
		return login(request, role.token, metadata, entity.friendlyName());
	}

	/**
	 * The region the STS endpoint Vault calls expects signatures for: with {@code use_sts_region_from_client},
	 * the one the client signed for (Vault then calls that region's endpoint); else the configured
	 * {@code sts_region}, else the region of the configured {@code sts_endpoint}; {@code us-east-1} for the
	 * global endpoint, Vault's default.
	 */
	private static @Nullable String stsRegion(@Nullable AwsClientConfig config) {
		if (config == null) {
			return "us-east-1";
		}
		if (config.useStsRegionFromClient) {
			return null;
		}
		if (!config.stsRegion.isEmpty()) {
			return config.stsRegion;
		}
		URI endpoint = config.stsEndpoint.isEmpty() ? null : parseUri(config.stsEndpoint);
		return (endpoint != null && endpoint.getHost() != null) ? regionOf(endpoint.getHost()) : "us-east-1";
	}

	private static String regionOf(String host) {
		Matcher matcher = REGIONAL_STS.matcher(host.toLowerCase(Locale.ROOT));
		return matcher.matches() ? matcher.group(1) : "us-east-1";
	}

	private static @Nullable URI parseUri(String text) {
		try {
			return URI.create(text.trim());
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private ApiResponse loginEc2(ApiRequest request, Params params) {
		String pkcs7 = params.string("pkcs7", "");
		String identity = params.string("identity", "");
		String signature = params.string("signature", "");
		if (!pkcs7.isEmpty() && !identity.isEmpty() && !signature.isEmpty()) {
			throw AuthRequestException.badRequest("both pkcs7 and a tuple containing the instance identity document "
					+ "and its SHA256 RSA signature is supplied; provide only one");
		}
		ObjectNode document;
		try {
			document = parseDocument(pkcs7.isEmpty() ? verifyRsa(identity, signature)
					: AwsIdentityDocuments.verifyPkcs7(pkcs7, certificatesOfType("pkcs7")));
		}
		catch (VerificationException ex) {
			return ApiResponse.error(500, ex.getMessage());
		}
		String instanceId = text(document, "instanceId");
		String amiId = text(document, "imageId");
		String accountId = text(document, "accountId");
		String region = text(document, "region");
		String pendingTime = text(document, "pendingTime");
		String roleName = params.string("role", "");
		if (roleName.isEmpty()) {
			roleName = amiId;
		}
		AwsRole role = this.roles.get(roleName);
		if (role == null) {
			throw AuthRequestException.badRequest("entry for role \"" + roleName + "\" not found");
		}
		if (!role.authType.equals("ec2")) {
			throw AuthRequestException.badRequest("auth method ec2 not allowed for role " + roleName);
		}
		List<String> regions = role.bound("bound_region");
		if (!regions.isEmpty() && !regions.contains(region)) {
			throw AuthRequestException.badRequest(
					"Region \"" + region + "\" does not satisfy the constraint on role \"" + roleName + "\"");
		}
		String problem = instanceProblem(role, roleName, instanceId, accountId, amiId);
		if (problem != null) {
			throw AuthRequestException.badRequest("Error validating instance: " + problem);
		}
		for (String field : List.of("bound_vpc_id", "bound_subnet_id", "bound_iam_role_arn",
				"bound_iam_instance_profile_arn")) {
			if (!role.bound(field).isEmpty()) {
				throw AuthRequestException.badRequest(field + " needs the EC2 API to check, which the vaultkv "
						+ "embedded dev server does not have; bind the role by AMI, account, region or instance ID");
			}
		}
		if (!role.roleTag.isEmpty()) {
			throw AuthRequestException.badRequest("role_tag needs the EC2 API to read instance tags, which the "
					+ "vaultkv embedded dev server does not have");
		}
		AwsAccessListEntry stored = this.accessList.get(instanceId);
		boolean disallowReauthentication = role.disallowReauthentication;
		boolean nonceSupplied = params.has("nonce");
		String nonce = params.string("nonce", "");
		if (nonceSupplied && nonce.isEmpty()) {
			nonce = AwsAccessListEntry.REAUTHENTICATION_DISABLED_NONCE;
			disallowReauthentication = true;
		}
		if (stored != null) {
			String refusal = stored.reloginProblem(nonce, pendingTime, role.allowInstanceMigration);
			if (refusal != null) {
				throw AuthRequestException.badRequest(refusal);
			}
			disallowReauthentication = disallowReauthentication || stored.disallowReauthentication;
		}
		if (!nonceSupplied) {
			nonce = UUID.randomUUID().toString();
		}
		Instant now = request.now();
		AwsAccessListEntry entry = (stored != null) ? stored.copy() : new AwsAccessListEntry(roleName, nonce, now);
		entry.lastUpdatedTime = now;
		entry.expirationTime = now.plusSeconds(Math.max(role.token.maxTtl.toSeconds(),
				this.context.maxLeaseTtlSeconds()));
		entry.pendingTime = pendingTime;
		entry.disallowReauthentication = disallowReauthentication;
		if (disallowReauthentication) {
			entry.clientNonce = "";
		}
		if (nonce.length() > 128 && !disallowReauthentication) {
			throw AuthRequestException.badRequest("client nonce exceeding the limit of 128 characters");
		}
		this.accessList.put(instanceId, entry);
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("instance_id", instanceId);
		metadata.put("region", region);
		metadata.put("account_id", accountId);
		metadata.put("role_tag_max_ttl", "0s");
		metadata.put("role", roleName);
		metadata.put("ami_id", amiId);
		if (!disallowReauthentication && !nonceSupplied) {
			metadata.put("nonce", nonce);
		}
		return login(request, role.token, metadata, "");
	}

	private String verifyRsa(String identity, String signature) {
		byte[] document;
		byte[] signatureBytes;
		try {
			document = Base64.getDecoder().decode(identity.trim());
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException.badRequest("failed to base64 decode the instance identity document");
		}
		try {
			signatureBytes = Base64.getDecoder().decode(signature.trim());
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException.badRequest(
					"failed to base64 decode the SHA256 RSA signature of the instance identity document");
		}
		if (!AwsIdentityDocuments.verifyRsa(document, signatureBytes, certificatesOfType("identity"))) {
			throw new VerificationException("instance identity verification using SHA256 RSA signature is unsuccessful");
		}
		return new String(document, StandardCharsets.UTF_8);
	}

	private static ObjectNode parseDocument(String json) {
		try {
			JsonNode node = Json.MAPPER.readTree(json);
			if (node instanceof ObjectNode object) {
				return object;
			}
		}
		catch (JacksonException ex) {
			// fall through
		}
		throw new VerificationException("failed to parse the instance identity document");
	}

	private static String text(ObjectNode document, String field) {
		JsonNode node = document.get(field);
		return (node != null && node.isString()) ? node.stringValue() : "";
	}

	private static @Nullable String instanceProblem(AwsRole role, String roleName, String instanceId, String accountId,
			String amiId) {
		List<String> instances = role.bound("bound_ec2_instance_id");
		if (!instances.isEmpty() && !instances.contains(instanceId)) {
			return "instance ID \"" + instanceId + "\" does not belong to the role \"" + roleName + "\"";
		}
		List<String> accounts = role.bound("bound_account_id");
		if (!accounts.isEmpty() && !accounts.contains(accountId)) {
			return "account ID \"" + accountId + "\" does not belong to role \"" + roleName + "\"";
		}
		List<String> amis = role.bound("bound_ami_id");
		if (!amis.isEmpty() && !amis.contains(amiId)) {
			return "AMI ID \"" + amiId + "\" does not belong to role \"" + roleName + "\"";
		}
		return null;
	}


	private record Certificate(String pem, String type, X509Certificate x509) {

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("aws_public_cert", this.pem);
			data.put("type", this.type);
			return data;
		}

	}

}
