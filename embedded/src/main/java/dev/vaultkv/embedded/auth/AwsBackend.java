package dev.vaultkv.embedded.auth;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
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
final class AwsBackend extends AuthBackend {

	private static final Pattern ROLE = Pattern.compile("role/" + NAME);

	private static final Pattern CERTIFICATE = Pattern.compile("config/certificate/" + NAME);

	private static final Pattern ACCESS_LIST = Pattern.compile("identity-accesslist/" + NAME);

	private static final Pattern REGIONAL_STS = Pattern.compile("sts\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?");

	private static final String SERVER_ID_HEADER = "X-Vault-AWS-IAM-Server-ID";

	private static final String REAUTHENTICATION_DISABLED_NONCE = "reauthentication-disabled-nonce";

	private static final List<String> IAM_ALIASES = List.of("role_id", "unique_id", "full_arn", "canonical_arn");

	private static final List<String> EC2_ALIASES = List.of("role_id", "instance_id", "image_id");

	private final AwsStsVerifier sts;

	private final Map<String, Role> roles = new TreeMap<>();

	private final Map<String, Certificate> certificates = new TreeMap<>();

	private final Map<String, AccessListEntry> accessList = new TreeMap<>();

	private final ObjectNode identityConfig = defaultIdentityConfig();

	private @Nullable ClientConfig clientConfig;

	AwsBackend(MountContext context, AwsAccessKeys keys) {
		super(context);
		this.sts = new AwsStsVerifier(keys);
	}

	@Override
	public boolean isUnauthenticated(ApiRequest request) {
		return request.subPath().equals("login");
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		Matcher matcher = match(ROLE, request.subPath());
		if (matcher != null) {
			synchronized (this.monitor) {
				return this.roles.containsKey(matcher.group(1).toLowerCase(Locale.ROOT));
			}
		}
		return null;
	}

	@Override
	protected ApiResponse route(ApiRequest request, Params params) {
		String subPath = request.subPath();
		switch (subPath) {
			case "login" -> {
				return request.isWrite() ? login(request, params) : unsupportedOperation();
			}
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
				return request.isList() ? keys(this.roles.keySet()) : unsupportedOperation();
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
		Matcher role = match(ROLE, subPath);
		String name = (role != null) ? role.group(1).toLowerCase(Locale.ROOT) : null;
		if (name != null && !subPath.equals("role/" + name)) {
			// Vault stores role names in lower case
			return roleEndpoints(withSubPath(request, "role/" + name), params, ROLE, this.roles, Role::toData,
					this::writeRole);
		}
		return roleEndpoints(request, params, ROLE, this.roles, Role::toData, this::writeRole);
	}

	private static ApiRequest withSubPath(ApiRequest request, String subPath) {
		return new ApiRequest(request.method(), request.path(), request.mountPath(), subPath, request.namespace(),
				request.data(), request.headers(), request.token(), request.peerCertificates(), request.now());
	}

	// config/client

	private ApiResponse clientConfig(ApiRequest request, Params params) {
		if (request.isRead()) {
			return (this.clientConfig != null) ? ApiResponse.ok(this.clientConfig.toData()) : ApiResponse.notFound();
		}
		if (request.isDelete()) {
			this.clientConfig = null;
			return ApiResponse.noContent();
		}
		if (!request.isWrite()) {
			return unsupportedOperation();
		}
		ClientConfig config = (this.clientConfig != null) ? this.clientConfig.copy() : new ClientConfig();
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
		if (request.isRead()) {
			return ApiResponse.ok(this.identityConfig.deepCopy());
		}
		if (!request.isWrite()) {
			return unsupportedOperation();
		}
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
			AccessListEntry entry = this.accessList.get(instanceId);
			return (entry != null) ? ApiResponse.ok(entry.toData()) : ApiResponse.notFound();
		}
		if (request.isDelete()) {
			this.accessList.remove(instanceId);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	// role/<name>

	private ApiResponse writeRole(String name, Params params) {
		Role existing = this.roles.get(name);
		Role role = (existing != null) ? existing.copy() : new Role();
		String authType = params.string("auth_type");
		if (authType != null) {
			if (existing == null) {
				if (!authType.equals("ec2") && !authType.equals("iam")) {
					throw AuthRequestException.badRequest("unrecognized auth_type: " + authType);
				}
				role.authType = authType;
			}
			else if (!authType.equals(existing.authType)) {
				throw AuthRequestException.badRequest("changing auth_type on a role is not allowed");
			}
		}
		for (String field : Role.BOUNDS) {
			List<String> values = params.stringList(field);
			if (values != null) {
				role.bounds.put(field, values);
			}
		}
		Boolean resolve = params.bool("resolve_aws_unique_ids");
		if (resolve != null) {
			if (existing != null && existing.resolveAwsUniqueIds && !resolve) {
				throw AuthRequestException.badRequest("changing resolve_aws_unique_ids from true to false is not allowed");
			}
			role.resolveAwsUniqueIds = resolve;
		}
		role.inferredEntityType = params.string("inferred_entity_type", role.inferredEntityType);
		role.inferredAwsRegion = params.string("inferred_aws_region", role.inferredAwsRegion);
		boolean ec2 = role.authType.equals("ec2");
		boolean allowEc2Binds = ec2;
		if (!role.inferredEntityType.isEmpty()) {
			if (ec2) {
				throw AuthRequestException.badRequest("specified inferred_entity_type but didn't allow iam auth_type");
			}
			if (!role.inferredEntityType.equals("ec2_instance")) {
				throw AuthRequestException
					.badRequest("specified invalid inferred_entity_type: " + role.inferredEntityType);
			}
			if (role.inferredAwsRegion.isEmpty()) {
				throw AuthRequestException.badRequest("specified inferred_entity_type but not inferred_aws_region");
			}
			allowEc2Binds = true;
		}
		else if (!role.inferredAwsRegion.isEmpty()) {
			throw AuthRequestException.badRequest("specified inferred_aws_region but not inferred_entity_type");
		}
		int binds = 0;
		for (String field : Role.BOUNDS) {
			if (role.bound(field).isEmpty()) {
				continue;
			}
			binds++;
			if (field.equals("bound_iam_principal_arn")) {
				if (ec2) {
					throw AuthRequestException
						.badRequest("specified bound_iam_principal_arn but not specifying iam auth_type");
				}
			}
			else if (field.equals("bound_region")) {
				if (!ec2) {
					throw AuthRequestException.badRequest("specified bound_region but not specifying ec2 auth_type");
				}
			}
			else if (!allowEc2Binds) {
				throw AuthRequestException.badRequest(
						"specified " + field + " but not specifying ec2 auth_type or inferring ec2_instance");
			}
		}
		if (binds == 0) {
			throw AuthRequestException.badRequest("at least one bound parameter should be specified on the role");
		}
		Boolean disallow = params.bool("disallow_reauthentication");
		if (disallow != null) {
			if (!ec2) {
				throw AuthRequestException.badRequest("specified disallow_reauthentication when not using ec2 auth type");
			}
			role.disallowReauthentication = disallow;
		}
		Boolean migration = params.bool("allow_instance_migration");
		if (migration != null) {
			if (!ec2) {
				throw AuthRequestException.badRequest("specified allow_instance_migration when not using ec2 auth type");
			}
			role.allowInstanceMigration = migration;
		}
		if (role.allowInstanceMigration && role.disallowReauthentication) {
			throw AuthRequestException.badRequest(
					"cannot specify both disallow_reauthentication=true and allow_instance_migration=true");
		}
		String roleTag = params.string("role_tag");
		if (roleTag != null && !roleTag.isEmpty()) {
			if (!ec2) {
				throw AuthRequestException.badRequest("tried to enable role_tag when not using ec2 auth method");
			}
			if (roleTag.length() > 127) {
				throw AuthRequestException.badRequest("length of role tag exceeds the EC2 key limit of 127 characters");
			}
			role.roleTag = roleTag;
		}
		role.token.parse(params);
		long max = this.context.maxLeaseTtlSeconds();
		if (max > 0 && role.token.period.toSeconds() > max) {
			throw AuthRequestException.badRequest("period of \"" + role.token.period.toSeconds()
					+ "s\" is greater than the backend's maximum lease TTL of \"" + max + "s\"");
		}
		this.roles.put(name, role);
		if (exceedsMountMaxTtl(role.token)) {
			return ApiResponse.ok(null)
				.withWarning("max_ttl is greater than the system or backend mount's maximum TTL value; "
						+ "issued tokens' max TTL value will be truncated");
		}
		return ApiResponse.noContent();
	}

	// login

	private ApiResponse login(ApiRequest request, Params params) {
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
		String method = params.string("iam_http_request_method", "");
		if (method.isEmpty()) {
			throw AuthRequestException.badRequest("missing iam_http_request_method");
		}
		if (!method.equals("POST")) {
			throw AuthRequestException
				.badRequest("invalid iam_http_request_method; currently only 'POST' is supported");
		}
		String url = decode(params.string("iam_request_url", ""), "iam_request_url");
		URI parsedUrl = parseUri(url);
		if (parsedUrl == null || parsedUrl.getHost() == null) {
			throw AuthRequestException.badRequest("error parsing iam_request_url");
		}
		String body = decode(params.string("iam_request_body", ""), "iam_request_body");
		Map<String, List<String>> headers = headers(params);
		if (headers.isEmpty()) {
			throw AuthRequestException.badRequest("missing iam_request_headers");
		}
		ClientConfig config = this.clientConfig;
		if (config != null && !config.serverIdHeaderValue.isEmpty()) {
			String problem = serverIdProblem(headers, config.serverIdHeaderValue);
			if (problem != null) {
				throw AuthRequestException.badRequest("error validating " + SERVER_ID_HEADER + " header: " + problem);
			}
		}
		AccessKey caller;
		try {
			caller = this.sts.verify(method, parsedUrl, body, headers, stsRegion(config), request.now());
		}
		catch (StsException ex) {
			throw AuthRequestException.badRequest("error making upstream request: received error code "
					+ ex.status() + " from STS: " + ex.getMessage());
		}
		IamEntity entity;
		try {
			entity = IamEntity.parse(caller.arn());
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException
				.badRequest("error parsing arn \"" + caller.arn() + "\": " + ex.getMessage());
		}
		String roleName = params.string("role", "");
		if (roleName.isEmpty()) {
			roleName = entity.friendlyName;
		}
		Role role = this.roles.get(roleName.toLowerCase(Locale.ROOT));
		if (role == null) {
			throw AuthRequestException.badRequest("entry for role " + roleName + " not found");
		}
		if (!role.authType.equals("iam")) {
			throw AuthRequestException.badRequest("auth method iam not allowed for role " + roleName);
		}
		List<String> principals = role.bound("bound_iam_principal_arn");
		if (!principals.isEmpty()) {
			String fullArn = entity.type.equals("assumed-role") ? entity.canonicalArn() : caller.arn();
			boolean matched = (role.resolveAwsUniqueIds) ? role.principalIds().contains(uniqueId(entity))
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
		metadata.put("client_user_id", uniqueId(entity));
		metadata.put("auth_type", "iam");
		metadata.put("inferred_entity_type", "");
		metadata.put("inferred_entity_id", "");
		metadata.put("inferred_aws_region", "");
		metadata.put("account_id", entity.account);
		metadata.put("role_id", role.roleId);
		return login(request, role.token, metadata, entity.friendlyName);
	}

	private static String decode(String base64, String field) {
		if (base64.isEmpty()) {
			throw AuthRequestException.badRequest("missing " + field);
		}
		try {
			return new String(Base64.getDecoder().decode(base64.trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw AuthRequestException.badRequest("failed to base64 decode " + field);
		}
	}

	/**
	 * The {@code iam_request_headers} field, as Vault's header type reads it: a JSON object of strings or
	 * string lists, given as an object, as JSON text, or as base64 of JSON text.
	 */
	private static Map<String, List<String>> headers(Params params) {
		JsonNode node = params.node("iam_request_headers");
		if (node != null && node.isString()) {
			String text = node.stringValue().trim();
			if (!text.startsWith("{")) {
				try {
					text = new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
				}
				catch (IllegalArgumentException ex) {
					throw invalidHeaders();
				}
			}
			try {
				node = Json.MAPPER.readTree(text);
			}
			catch (JacksonException ex) {
				throw invalidHeaders();
			}
		}
		if (node == null || !node.isObject()) {
			throw invalidHeaders();
		}
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			List<String> values = new ArrayList<>();
			if (entry.getValue().isArray()) {
				entry.getValue().forEach((value) -> values.add(value.asString()));
			}
			else if (entry.getValue().isValueNode()) {
				values.add(entry.getValue().asString());
			}
			else {
				throw invalidHeaders();
			}
			headers.put(entry.getKey(), values);
		}
		return headers;
	}

	private static AuthRequestException invalidHeaders() {
		return AuthRequestException.badRequest(
				"Field validation failed: error converting input for field \"iam_request_headers\": "
						+ "expected a JSON object of headers, or its base64 encoding");
	}

	private static @Nullable String serverIdProblem(Map<String, List<String>> headers, String required) {
		String provided = headerValue(headers, SERVER_ID_HEADER);
		if (provided == null || provided.isEmpty()) {
			return "missing header \"" + SERVER_ID_HEADER + "\"";
		}
		if (!provided.equals(required)) {
			return "expected \"" + required + "\" but got \"" + provided + "\"";
		}
		String authorization = headerValue(headers, "Authorization");
		if (authorization == null) {
			return "missing Authorization header";
		}
		Matcher matcher = Pattern.compile(".*SignedHeaders=([^,]+)").matcher(authorization);
		if (!matcher.find()) {
			return "vault header wasn't signed";
		}
		boolean signed = List.of(matcher.group(1).split(";")).contains(SERVER_ID_HEADER.toLowerCase(Locale.ROOT));
		return signed ? null : "vault header wasn't signed";
	}

	private static @Nullable String headerValue(Map<String, List<String>> headers, String name) {
		for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name)) {
				return String.join(",", entry.getValue());
			}
		}
		return null;
	}

	/**
	 * The region the STS endpoint Vault calls expects signatures for: with {@code use_sts_region_from_client},
	 * the one the client signed for (Vault then calls that region's endpoint); else the configured
	 * {@code sts_region}, else the region of the configured {@code sts_endpoint}; {@code us-east-1} for the
	 * global endpoint, Vault's default.
	 */
	private static @Nullable String stsRegion(@Nullable ClientConfig config) {
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

	/**
	 * A stable stand-in for the unique ID AWS gives an IAM user ({@code AIDA...}) or role ({@code AROA...}).
	 */
	private static String uniqueId(IamEntity entity) {
		String prefix = entity.type.equals("user") ? "AIDA" : "AROA";
		byte[] digest;
		try {
			digest = MessageDigest.getInstance("SHA-256")
				.digest(entity.canonicalArn().getBytes(StandardCharsets.UTF_8));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		return prefix + HexFormat.of().formatHex(digest, 0, 9).toUpperCase(Locale.ROOT).substring(0, 17);
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
		Role role = this.roles.get(roleName.toLowerCase(Locale.ROOT));
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
		AccessListEntry stored = this.accessList.get(instanceId);
		boolean disallowReauthentication = role.disallowReauthentication;
		boolean nonceSupplied = params.has("nonce");
		String nonce = params.string("nonce", "");
		if (nonceSupplied && nonce.isEmpty()) {
			nonce = REAUTHENTICATION_DISABLED_NONCE;
			disallowReauthentication = true;
		}
		if (stored != null) {
			String refusal = storedIdentityProblem(stored, nonce, pendingTime, role);
			if (refusal != null) {
				throw AuthRequestException.badRequest(refusal);
			}
			disallowReauthentication = disallowReauthentication || stored.disallowReauthentication;
		}
		if (!nonceSupplied) {
			nonce = UUID.randomUUID().toString();
		}
		Instant now = request.now();
		AccessListEntry entry = (stored != null) ? stored.copy() : new AccessListEntry(roleName, nonce, now);
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

	private static @Nullable String instanceProblem(Role role, String roleName, String instanceId, String accountId,
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

	/**
	 * Vault's checks of a re-login against the instance's access list entry.
	 */
	private static @Nullable String storedIdentityProblem(AccessListEntry stored, String nonce, String pendingTime,
			Role role) {
		if (!stored.disallowReauthentication && stored.clientNonce.isEmpty()) {
			return "client nonce missing in stored identity";
		}
		if (stored.disallowReauthentication || REAUTHENTICATION_DISABLED_NONCE.equals(nonce)) {
			return "reauthentication is disabled";
		}
		Instant given;
		Instant previous;
		try {
			given = Instant.parse(pendingTime);
			previous = Instant.parse(stored.pendingTime);
		}
		catch (DateTimeParseException ex) {
			return ex.getMessage();
		}
		boolean nonceMatches = MessageDigest.isEqual(nonce.getBytes(StandardCharsets.UTF_8),
				stored.clientNonce.getBytes(StandardCharsets.UTF_8));
		if (!nonceMatches) {
			if (!role.allowInstanceMigration) {
				return "client nonce mismatch";
			}
			if (!given.isAfter(previous)) {
				return "client nonce mismatch and instance meta-data incorrect";
			}
		}
		if (given.isBefore(previous)) {
			return "instance meta-data is older than the one used for previous login";
		}
		return null;
	}

	/**
	 * An IAM principal from the ARN STS answered with, as Vault parses it.
	 */
	private record IamEntity(String partition, String account, String type, String friendlyName) {

		static IamEntity parse(String arn) {
			String[] parts = arn.split(":", -1);
			if (parts.length != 6) {
				throw new IllegalArgumentException(
						"unrecognized arn: contains " + parts.length + " colon-separated parts, expected 6");
			}
			if (!parts[0].equals("arn")) {
				throw new IllegalArgumentException("unrecognized arn: does not begin with \"arn:\"");
			}
			if (!parts[2].equals("iam") && !parts[2].equals("sts")) {
				throw new IllegalArgumentException("unrecognized service: " + parts[2] + ", not one of iam or sts");
			}
			String[] resource = parts[5].split("/", -1);
			if (resource.length < 2) {
				throw new IllegalArgumentException(
						"unrecognized arn: \"" + parts[5] + "\" contains fewer than 2 slash-separated parts");
			}
			String type = resource[0];
			String name = resource[resource.length - 1];
			switch (type) {
				case "assumed-role" -> name = resource[1];
				case "user", "role", "instance-profile" -> {
				}
				default -> throw new IllegalArgumentException("unrecognized principal type: \"" + type + "\"");
			}
			return new IamEntity(parts[1], parts[4], type, name);
		}

		String canonicalArn() {
			String canonicalType = this.type.equals("assumed-role") ? "role" : this.type;
			return "arn:" + this.partition + ":iam::" + this.account + ":" + canonicalType + "/" + this.friendlyName;
		}

	}

	/**
	 * The client configuration. Mutable; guarded by the backend monitor.
	 */
	private static final class ClientConfig {

		String accessKey = "";

		String secretKey = "";

		String endpoint = "";

		String iamEndpoint = "";

		String stsEndpoint = "";

		String stsRegion = "";

		String serverIdHeaderValue = "";

		int maxRetries = -1;

		List<String> allowedStsHeaderValues = List.of();

		boolean useStsRegionFromClient;

		ClientConfig copy() {
			ClientConfig copy = new ClientConfig();
			copy.accessKey = this.accessKey;
			copy.secretKey = this.secretKey;
			copy.endpoint = this.endpoint;
			copy.iamEndpoint = this.iamEndpoint;
			copy.stsEndpoint = this.stsEndpoint;
			copy.stsRegion = this.stsRegion;
			copy.serverIdHeaderValue = this.serverIdHeaderValue;
			copy.maxRetries = this.maxRetries;
			copy.allowedStsHeaderValues = this.allowedStsHeaderValues;
			copy.useStsRegionFromClient = this.useStsRegionFromClient;
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("access_key", this.accessKey);
			data.put("endpoint", this.endpoint);
			data.put("iam_endpoint", this.iamEndpoint);
			data.put("sts_endpoint", this.stsEndpoint);
			data.put("sts_region", this.stsRegion);
			data.put("iam_server_id_header_value", this.serverIdHeaderValue);
			data.put("max_retries", this.maxRetries);
			data.set("allowed_sts_header_values", Json.array(this.allowedStsHeaderValues));
			data.put("use_sts_region_from_client", this.useStsRegionFromClient);
			return data;
		}

		@Override
		public String toString() {
			return "ClientConfig[stsEndpoint=" + this.stsEndpoint + "]";
		}

	}

	private record Certificate(String pem, String type, X509Certificate x509) {

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("aws_public_cert", this.pem);
			data.put("type", this.type);
			return data;
		}

	}

	/**
	 * An EC2 instance's entry in the identity access list. Mutable; guarded by the backend monitor.
	 */
	private static final class AccessListEntry {

		final String role;

		String clientNonce;

		final Instant creationTime;

		boolean disallowReauthentication;

		String pendingTime = "";

		Instant expirationTime;

		Instant lastUpdatedTime;

		AccessListEntry(String role, String clientNonce, Instant creationTime) {
			this.role = role;
			this.clientNonce = clientNonce;
			this.creationTime = creationTime;
			this.expirationTime = creationTime;
			this.lastUpdatedTime = creationTime;
		}

		AccessListEntry copy() {
			AccessListEntry copy = new AccessListEntry(this.role, this.clientNonce, this.creationTime);
			copy.disallowReauthentication = this.disallowReauthentication;
			copy.pendingTime = this.pendingTime;
			copy.expirationTime = this.expirationTime;
			copy.lastUpdatedTime = this.lastUpdatedTime;
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("role", this.role);
			data.put("client_nonce", this.clientNonce);
			data.put("creation_time", time(this.creationTime));
			data.put("disallow_reauthentication", this.disallowReauthentication);
			data.put("pending_time", this.pendingTime);
			data.put("expiration_time", time(this.expirationTime));
			data.put("last_updated_time", time(this.lastUpdatedTime));
			return data;
		}

		@Override
		public String toString() {
			return "AccessListEntry[role=" + this.role + "]";
		}

	}

	/**
	 * An AWS role. Mutable; guarded by the backend monitor.
	 */
	private static final class Role {

		/** The bounds, in the order Vault checks them. */
		static final List<String> BOUNDS = List.of("bound_account_id", "bound_region", "bound_ami_id",
				"bound_iam_instance_profile_arn", "bound_ec2_instance_id", "bound_iam_role_arn",
				"bound_iam_principal_arn", "bound_vpc_id", "bound_subnet_id");

		String authType = "iam";

		final Map<String, List<String>> bounds = new LinkedHashMap<>();

		String inferredEntityType = "";

		String inferredAwsRegion = "";

		boolean resolveAwsUniqueIds = true;

		boolean allowInstanceMigration;

		boolean disallowReauthentication;

		String roleTag = "";

		String roleId = UUID.randomUUID().toString();

		TokenFields token = new TokenFields();

		List<String> bound(String field) {
			return this.bounds.getOrDefault(field, List.of());
		}

		Role copy() {
			Role copy = new Role();
			copy.authType = this.authType;
			copy.bounds.putAll(this.bounds);
			copy.inferredEntityType = this.inferredEntityType;
			copy.inferredAwsRegion = this.inferredAwsRegion;
			copy.resolveAwsUniqueIds = this.resolveAwsUniqueIds;
			copy.allowInstanceMigration = this.allowInstanceMigration;
			copy.disallowReauthentication = this.disallowReauthentication;
			copy.roleTag = this.roleTag;
			copy.roleId = this.roleId;
			copy.token = this.token.copy();
			return copy;
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("auth_type", this.authType);
			for (String field : BOUNDS) {
				data.set(field, Json.array(bound(field)));
			}
			data.set("bound_iam_principal_id", Json.array(principalIds()));
			data.put("inferred_entity_type", this.inferredEntityType);
			data.put("inferred_aws_region", this.inferredAwsRegion);
			data.put("resolve_aws_unique_ids", this.resolveAwsUniqueIds);
			data.put("allow_instance_migration", this.allowInstanceMigration);
			data.put("disallow_reauthentication", this.disallowReauthentication);
			data.put("role_tag", this.roleTag);
			data.put("role_id", this.roleId);
			this.token.populate(data);
			if (!this.token.policies.isEmpty()) {
				data.set("policies", Json.array(this.token.policies));
			}
			return data;
		}

		/**
		 * The unique IDs Vault resolves the non-wildcard principal ARNs to when
		 * {@code resolve_aws_unique_ids} is on (here derived from the ARN, as there is no IAM API to ask).
		 */
		List<String> principalIds() {
			if (!this.resolveAwsUniqueIds) {
				return List.of();
			}
			List<String> ids = new ArrayList<>();
			for (String arn : bound("bound_iam_principal_arn")) {
				if (!arn.endsWith("*")) {
					try {
						ids.add(uniqueId(IamEntity.parse(arn)));
					}
					catch (IllegalArgumentException ex) {
						// not an IAM principal ARN: never matches
					}
				}
			}
			return ids;
		}

	}

}
