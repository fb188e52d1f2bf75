package dev.vaultkv.embedded.auth;

import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.MountContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * The TLS certificate auth method ({@code auth/cert}): trusted certificate entries and login with the
 * client certificate of the TLS connection ({@link ApiRequest#peerCertificates()}).
 *
 * @author vaultkv
 */
final class CertBackend extends AuthBackend {

	private static final Pattern CERT = Pattern.compile("certs/" + NAME);

	private static final int MAX_OCSP_CACHE_SIZE = 100000;

	private final Map<String, CertEntry> certs = new TreeMap<>();

	/** The mount's {@code config}: as in Vault, all zero values until written. */
	private boolean disableBinding;

	private boolean enableIdentityAliasMetadata;

	private int ocspCacheSize;

	CertBackend(MountContext context) {
		super(context);
	}

	@Override
	public @Nullable Boolean exists(ApiRequest request) {
		Matcher matcher = match(CERT, request.subPath());
		if (matcher != null) {
			synchronized (this.monitor) {
				return this.certs.containsKey(matcher.group(1).toLowerCase(java.util.Locale.ROOT));
			}
		}
		return null;
	}

	@Override
	protected ApiResponse route(ApiRequest request, Params params) {
		String subPath = request.subPath();
		if (subPath.equals("login")) {
			return request.isWrite() ? login(request, params) : unsupportedOperation();
		}
		if (subPath.equals("config")) {
			return config(request, params);
		}
		if (subPath.equals("certs") || subPath.equals("certs/")) {
			return request.isList() ? keys(page(request), this.certs.keySet()) : unsupportedOperation();
		}
		Matcher matcher = match(CERT, subPath);
		if (matcher == null) {
			return unsupportedPath();
		}
		String name = matcher.group(1).toLowerCase(java.util.Locale.ROOT);
		if (request.isRead()) {
			CertEntry entry = this.certs.get(name);
			return (entry != null) ? ApiResponse.ok(entry.toData()) : ApiResponse.notFound();
		}
		if (request.isWrite()) {
			return writeCert(name, params);
		}
		if (request.isDelete()) {
			this.certs.remove(name);
			return ApiResponse.noContent();
		}
		return unsupportedOperation();
	}

	private ApiResponse config(ApiRequest request, Params params) {
		return configEndpoints(request, params, this::configData, this::writeConfig);
	}

	private ObjectNode configData() {
		ObjectNode data = Json.object();
		data.put("disable_binding", this.disableBinding);
		data.put("enable_identity_alias_metadata", this.enableIdentityAliasMetadata);
		data.put("ocsp_cache_size", this.ocspCacheSize);
		return data;
	}

	private ApiResponse writeConfig(Params params) {
		Boolean binding = params.bool("disable_binding");
		Boolean aliasMetadata = params.bool("enable_identity_alias_metadata");
		Integer cacheSize = params.integer("ocsp_cache_size");
		if (cacheSize != null && (cacheSize < 2 || cacheSize > MAX_OCSP_CACHE_SIZE)) {
			throw AuthRequestException.badRequest("invalid cache size, must be >= 2 and <= " + MAX_OCSP_CACHE_SIZE);
		}
		if (binding != null) {
			this.disableBinding = binding;
		}
		if (aliasMetadata != null) {
			this.enableIdentityAliasMetadata = aliasMetadata;
		}
		if (cacheSize != null) {
			this.ocspCacheSize = cacheSize;
		}
		return ApiResponse.noContent();
	}

	private ApiResponse writeCert(String name, Params params) {
		CertEntry existing = this.certs.get(name);
		CertEntry entry = (existing != null) ? existing.copy() : new CertEntry(name);
		String pem = params.string("certificate");
		if (pem != null) {
			entry.pem = pem;
		}
		String displayName = params.string("display_name");
		if (displayName != null) {
			entry.displayName = displayName;
		}
		entry.allowedNames = list(params, "allowed_names", entry.allowedNames);
		entry.allowedCommonNames = list(params, "allowed_common_names", entry.allowedCommonNames);
		entry.allowedDnsSans = list(params, "allowed_dns_sans", entry.allowedDnsSans);
		entry.allowedEmailSans = list(params, "allowed_email_sans", entry.allowedEmailSans);
		entry.allowedUriSans = list(params, "allowed_uri_sans", entry.allowedUriSans);
		entry.allowedOrganizationalUnits = list(params, "allowed_organizational_units",
				entry.allowedOrganizationalUnits);
		if (!params.has("token_ttl") && !params.has("ttl") && params.has("lease")) {
			entry.token.ttl = java.time.Duration.ofSeconds(params.integer("lease"));
		}
		entry.token.parse(params);
		List<String> warnings = new ArrayList<>();
		long defaultTtl = this.context.defaultLeaseTtlSeconds();
		long maxTtl = this.context.maxLeaseTtlSeconds();
		if (defaultTtl > 0 && entry.token.ttl.toSeconds() > defaultTtl) {
			warnings.add("Given ttl of " + entry.token.ttl.toSeconds()
					+ " seconds is greater than current mount/system default of " + defaultTtl + " seconds");
		}
		if (maxTtl > 0 && entry.token.maxTtl.toSeconds() > maxTtl) {
			warnings.add("Given max_ttl of " + entry.token.maxTtl.toSeconds()
					+ " seconds is greater than current mount/system default of " + maxTtl + " seconds");
		}
		if (entry.displayName.isEmpty()) {
			entry.displayName = name;
		}
		entry.certificates = PublicKeys.parseCertificates(entry.pem);
		if (entry.certificates.isEmpty()) {
			throw AuthRequestException.badRequest("failed to parse certificate");
		}
		X509Certificate first = entry.certificates.get(0);
		if (first.getBasicConstraints() < 0 && !CertificateInfo.allowsClientAuth(first)) {
			throw AuthRequestException.badRequest(
					"nonCA certificates should have TLS client authentication set as an extended key usage");
		}
		this.certs.put(name, entry);
		if (warnings.isEmpty()) {
			return ApiResponse.noContent();
		}
		ApiResponse response = ApiResponse.ok(null);
		for (String warning : warnings) {
			response = response.withWarning(warning);
		}
		return response;
	}

	private static List<String> list(Params params, String name, List<String> current) {
		List<String> value = params.stringList(name);
		return (value != null) ? value : current;
	}

	private ApiResponse login(ApiRequest request, Params params) {
		List<X509Certificate> chain = request.peerCertificates();
		if (chain.isEmpty()) {
			throw AuthRequestException.badRequest("client certificate must be supplied");
		}
		X509Certificate client = chain.get(0);
		String name = params.string("name", "").toLowerCase(java.util.Locale.ROOT);
		List<CertEntry> candidates = new ArrayList<>();
		if (name.isEmpty()) {
			candidates.addAll(this.certs.values());
		}
		else if (this.certs.containsKey(name)) {
			candidates.add(this.certs.get(name));
		}
		Instant now = request.now();
		for (CertEntry entry : candidates) {
			X509Certificate trusted = entry.certificates.get(0);
			if (trusted.getBasicConstraints() < 0 && trusted.equals(client) && isValid(client, now)
					&& entry.matches(client)) {
				return login(request, entry, client);
			}
		}
		boolean anyChain = false;
		for (CertEntry entry : candidates) {
			for (X509Certificate trusted : entry.certificates) {
				if (CertChainVerifier.verifies(chain, trusted, now)) {
					anyChain = true;
					if (entry.matches(client)) {
						return login(request, entry, client);
					}
				}
			}
		}
		if (!anyChain) {
			throw AuthRequestException.badRequest("invalid certificate or no client certificate supplied");
		}
		throw AuthRequestException
			.badRequest("no chain matching all constraints could be found for this login certificate");
	}

	private static boolean isValid(X509Certificate certificate, Instant now) {
		try {
			certificate.checkValidity(Date.from(now));
			return true;
		}
		catch (CertificateExpiredException | CertificateNotYetValidException ex) {
			return false;
		}
	}

	private ApiResponse login(ApiRequest request, CertEntry entry, X509Certificate client) {
		Map<String, String> metadata = new LinkedHashMap<>();
		metadata.put("cert_name", entry.name);
		metadata.put("common_name", CertificateInfo.commonName(client));
		metadata.put("serial_number", client.getSerialNumber().toString());
		metadata.put("subject_key_id", CertificateInfo.subjectKeyId(client));
		metadata.put("authority_key_id", CertificateInfo.authorityKeyId(client));
		return login(request, entry.token, metadata, entry.displayName);
	}

	/**
	 * A trusted certificate entry. Mutable; guarded by the backend monitor.
	 */
	private static final class CertEntry {

		final String name;

		String pem = "";

		List<X509Certificate> certificates = List.of();

		String displayName = "";

		List<String> allowedNames = List.of();

		List<String> allowedCommonNames = List.of();

		List<String> allowedDnsSans = List.of();

		List<String> allowedEmailSans = List.of();

		List<String> allowedUriSans = List.of();

		List<String> allowedOrganizationalUnits = List.of();

		TokenFields token = new TokenFields();

		CertEntry(String name) {
			this.name = name;
		}

		CertEntry copy() {
			CertEntry copy = new CertEntry(this.name);
			copy.pem = this.pem;
			copy.certificates = this.certificates;
			copy.displayName = this.displayName;
			copy.allowedNames = this.allowedNames;
			copy.allowedCommonNames = this.allowedCommonNames;
			copy.allowedDnsSans = this.allowedDnsSans;
			copy.allowedEmailSans = this.allowedEmailSans;
			copy.allowedUriSans = this.allowedUriSans;
			copy.allowedOrganizationalUnits = this.allowedOrganizationalUnits;
			copy.token = this.token.copy();
			return copy;
		}

		boolean matches(X509Certificate client) {
			String commonName = CertificateInfo.commonName(client);
			List<String> dns = CertificateInfo.subjectAlternativeNames(client, 2);
			List<String> emails = CertificateInfo.subjectAlternativeNames(client, 1);
			List<String> uris = CertificateInfo.subjectAlternativeNames(client, 6);
			if (!this.allowedNames.isEmpty()) {
				List<String> names = new ArrayList<>();
				names.add(commonName);
				names.addAll(dns);
				names.addAll(emails);
				if (names.stream().noneMatch((n) -> Globs.anyMatches(this.allowedNames, n))) {
					return false;
				}
			}
			return allows(this.allowedCommonNames, List.of(commonName)) && allows(this.allowedDnsSans, dns)
					&& allows(this.allowedEmailSans, emails) && allows(this.allowedUriSans, uris)
					&& allowsAll(this.allowedOrganizationalUnits, CertificateInfo.organizationalUnits(client));
		}

		private static boolean allows(List<String> patterns, List<String> values) {
			return patterns.isEmpty() || values.stream().anyMatch((value) -> Globs.anyMatches(patterns, value));
		}

		private static boolean allowsAll(List<String> patterns, List<String> values) {
			return patterns.isEmpty()
					|| (!values.isEmpty() && values.stream().allMatch((value) -> Globs.anyMatches(patterns, value)));
		}

		ObjectNode toData() {
			ObjectNode data = Json.object();
			data.put("certificate", this.pem);
			data.put("display_name", this.displayName);
			data.set("allowed_names", Json.array(this.allowedNames));
			data.set("allowed_common_names", Json.array(this.allowedCommonNames));
			data.set("allowed_dns_sans", Json.array(this.allowedDnsSans));
			data.set("allowed_email_sans", Json.array(this.allowedEmailSans));
			data.set("allowed_uri_sans", Json.array(this.allowedUriSans));
			data.set("allowed_organizational_units", Json.array(this.allowedOrganizationalUnits));
			data.set("required_extensions", Json.array(List.of()));
			data.set("allowed_metadata_extensions", Json.array(List.of()));
			data.put("ocsp_enabled", false);
			this.token.populate(data);
			if (!this.token.policies.isEmpty()) {
				data.set("policies", Json.array(this.token.policies));
			}
			return data;
		}

	}

}
