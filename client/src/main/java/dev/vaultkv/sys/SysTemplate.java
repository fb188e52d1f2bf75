package dev.vaultkv.sys;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.util.Assert;

import dev.vaultkv.client.InvalidPathException;
import dev.vaultkv.client.InvalidRequestException;
import dev.vaultkv.client.SecretNotFoundException;
import dev.vaultkv.client.VaultClient;
import dev.vaultkv.client.VaultPaths;
import dev.vaultkv.client.VaultRequest;
import dev.vaultkv.client.VaultResponse;
import dev.vaultkv.client.VaultToken;
import dev.vaultkv.client.WrapInfo;
import dev.vaultkv.kv.KvVersion;

/**
 * {@link SysOperations} over a {@link VaultClient}. Thread-safe.
 *
 * @since 0.1.0
 */
public class SysTemplate implements SysOperations {

	/**
	 * Status that {@code sys/health} is asked to answer with for every state but active, so that its body
	 * can always be read (as Vault's Go client does).
	 */
	private static final String HEALTH_CODE = "299";

	private static final String[] HEALTH_CODES = { "uninitcode", "sealedcode", "standbycode", "drsecondarycode",
			"performancestandbycode", "haunhealthycode", "removedcode" };

	private final VaultClient client;

	private final JsonMapper jsonMapper;

	/**
	 * Create a new instance.
	 * @param client the client
	 */
	public SysTemplate(VaultClient client) {
		this(client, JsonMapper.shared());
	}

	/**
	 * Create a new instance.
	 * @param client the client
	 * @param jsonMapper the mapper used to convert data to wrap
	 */
	public SysTemplate(VaultClient client, JsonMapper jsonMapper) {
		Assert.notNull(client, "'client' must not be null");
		Assert.notNull(jsonMapper, "'jsonMapper' must not be null");
		this.client = client;
		this.jsonMapper = jsonMapper;
	}

	@Override
	public HealthStatus health() {
		VaultRequest.Builder request = VaultRequest.get("sys/health")
			.unauthenticated()
			.namespace("")
			.query("standbyok", "true")
			.query("perfstandbyok", "true");
		for (String code : HEALTH_CODES) {
			request.query(code, HEALTH_CODE);
		}
		return SysResponses.health(requireBody(this.client.execute(request.build()), "sys/health"));
	}

	@Override
	public SealStatus sealStatus() {
		VaultRequest request = VaultRequest.get("sys/seal-status").unauthenticated().namespace("").build();
		return SysResponses.sealStatus(requireBody(this.client.execute(request), "sys/seal-status"));
	}

	private static JsonNode requireBody(VaultResponse response, String path) {
		JsonNode body = response.body();
		if (body == null || !body.isObject()) {
			throw SysResponses.malformed("no JSON object", path);
		}
		return body;
	}

	@Override
	public Map<String, MountInfo> getMounts() {
		return SysResponses.mounts(this.client.execute(VaultRequest.get("sys/mounts").build()).requireData());
	}

	@Override
	public @Nullable MountInfo getMount(String path) {
		String mount = mountPath(path);
		try {
			return SysResponses.mount(mount,
					this.client.execute(VaultRequest.get("sys/mounts/" + mount).build()).requireData());
		}
		catch (InvalidRequestException ex) {
			if (ex.getErrors().stream().anyMatch((error) -> error.contains("No secret engine mount at"))) {
				return null;
			}
			throw ex;
		}
		catch (SecretNotFoundException ex) {
			return null;
		}
	}

	@Override
	public void enableMount(String path, MountRequest request) {
		Assert.notNull(request, "'request' must not be null");
		this.client.execute(VaultRequest.post("sys/mounts/" + mountPath(path)).body(mountBody(request)).build());
	}

	@Override
	public void disableMount(String path) {
		this.client.execute(VaultRequest.delete("sys/mounts/" + mountPath(path)).build());
	}

	@Override
	public MountTune readMountTune(String path) {
		return SysResponses
			.tune(this.client.execute(VaultRequest.get("sys/mounts/" + mountPath(path) + "/tune").build()).requireData());
	}

	@Override
	public void tuneMount(String path, MountTune tune) {
		Assert.notNull(tune, "'tune' must not be null");
		ObjectNode body = this.jsonMapper.createObjectNode();
		if (tune.defaultLeaseTtl() != null) {
			body.put("default_lease_ttl", seconds(tune.defaultLeaseTtl(), "defaultLeaseTtl"));
		}
		if (tune.maxLeaseTtl() != null) {
			body.put("max_lease_ttl", seconds(tune.maxLeaseTtl(), "maxLeaseTtl"));
		}
		if (tune.description() != null) {
			body.put("description", tune.description());
		}
		if (tune.options() != null) {
			ObjectNode options = body.putObject("options");
			tune.options().forEach(options::put);
		}
		this.client.execute(VaultRequest.post("sys/mounts/" + mountPath(path) + "/tune").body(body).build());
	}

	@Override
	public @Nullable KvVersion getKvVersion(String mount) {
		String name = mountPath(mount);
		JsonNode data = this.client.execute(VaultRequest.get("sys/internal/ui/mounts/" + name).build()).requireData();
		return SysResponses.mount(data.path("path").asString(name), data).kvVersion();
	}

	@Override
	public Map<String, MountInfo> getAuthMounts() {
		return SysResponses.mounts(this.client.execute(VaultRequest.get("sys/auth").build()).requireData());
	}

	@Override
	public void enableAuth(String path, MountRequest request) {
		Assert.notNull(request, "'request' must not be null");
		this.client.execute(VaultRequest.post("sys/auth/" + mountPath(path)).body(mountBody(request)).build());
	}

	@Override
	public void disableAuth(String path) {
		this.client.execute(VaultRequest.delete("sys/auth/" + mountPath(path)).build());
	}

	private ObjectNode mountBody(MountRequest request) {
		ObjectNode body = this.jsonMapper.createObjectNode();
		body.put("type", request.type());
		if (request.description() != null) {
			body.put("description", request.description());
		}
		if (request.defaultLeaseTtl() != null || request.maxLeaseTtl() != null) {
			ObjectNode config = body.putObject("config");
			if (request.defaultLeaseTtl() != null) {
				config.put("default_lease_ttl", seconds(request.defaultLeaseTtl(), "defaultLeaseTtl"));
			}
			if (request.maxLeaseTtl() != null) {
				config.put("max_lease_ttl", seconds(request.maxLeaseTtl(), "maxLeaseTtl"));
			}
		}
		if (!request.options().isEmpty()) {
			ObjectNode options = body.putObject("options");
			request.options().forEach(options::put);
		}
		if (request.local()) {
			body.put("local", true);
		}
		if (request.sealWrap()) {
			body.put("seal_wrap", true);
		}
		return body;
	}

	private static String seconds(Duration duration, String name) {
		Assert.isTrue(!duration.isNegative(), () -> "'" + name + "' must not be negative");
		return duration.toSeconds() + "s";
	}

	@Override
	public List<String> listPolicies() {
		try {
			JsonNode data = this.client.execute(VaultRequest.list("sys/policies/acl").build()).requireData();
			return SysResponses.strings(data.get("keys")).stream().sorted().toList();
		}
		catch (SecretNotFoundException ex) {
			return List.of();
		}
	}

	@Override
	public @Nullable AclPolicy readPolicy(String name) {
		String policy = policyName(name);
		try {
			JsonNode data = this.client.execute(VaultRequest.get("sys/policies/acl/" + policy).build()).requireData();
			return new AclPolicy(data.path("name").asString(policy), data.path("policy").asString(""));
		}
		catch (SecretNotFoundException ex) {
			return null;
		}
	}

	@Override
	public void writePolicy(String name, String policy) {
		Assert.hasText(policy, "'policy' must not be empty");
		ObjectNode body = this.jsonMapper.createObjectNode().put("policy", policy);
		this.client.execute(VaultRequest.post("sys/policies/acl/" + policyName(name)).body(body).build());
	}

	@Override
	public void deletePolicy(String name) {
		try {
			this.client.execute(VaultRequest.delete("sys/policies/acl/" + policyName(name)).build());
		}
		catch (SecretNotFoundException ex) {
			// Already absent.
		}
	}

	private static String policyName(String name) {
		Assert.hasText(name, "'name' must not be empty");
		if (name.contains("/")) {
			throw new InvalidPathException(name, "a policy name cannot contain '/'");
		}
		return VaultPaths.validate(name);
	}

	@Override
	public WrapInfo wrap(Map<String, ?> data, Duration ttl) {
		Assert.notNull(data, "'data' must not be null");
		Assert.notNull(ttl, "'ttl' must not be null");
		Assert.isTrue(ttl.toSeconds() >= 1, "'ttl' must be at least one second");
		ObjectNode body = this.jsonMapper.createObjectNode();
		data.forEach((key, value) -> body.set(key, (value != null) ? this.jsonMapper.valueToTree(value)
				: this.jsonMapper.getNodeFactory().nullNode()));
		VaultResponse response = this.client
			.execute(VaultRequest.post("sys/wrapping/wrap").body(body).wrapTtl(ttl).build());
		if (response.wrapInfo() == null) {
			throw SysResponses.malformed("no 'wrap_info'", "sys/wrapping/wrap");
		}
		return response.wrapInfo();
	}

	@Override
	public VaultResponse unwrap(VaultToken wrappingToken) {
		Assert.notNull(wrappingToken, "'wrappingToken' must not be null");
		return this.client.execute(VaultRequest.post("sys/wrapping/unwrap").token(wrappingToken).build());
	}

	@Override
	public VaultResponse unwrapWithClientToken(VaultToken wrappingToken) {
		Assert.notNull(wrappingToken, "'wrappingToken' must not be null");
		ObjectNode body = this.jsonMapper.createObjectNode().put("token", wrappingToken.getToken());
		return this.client.execute(VaultRequest.post("sys/wrapping/unwrap").body(body).build());
	}

	@Override
	public WrappingLookup lookupWrapping(VaultToken wrappingToken) {
		Assert.notNull(wrappingToken, "'wrappingToken' must not be null");
		ObjectNode body = this.jsonMapper.createObjectNode().put("token", wrappingToken.getToken());
		VaultResponse response = this.client
			.execute(VaultRequest.post("sys/wrapping/lookup").unauthenticated().body(body).build());
		return SysResponses.wrappingLookup(response.requireData(), "sys/wrapping/lookup");
	}

	@Override
	public List<String> capabilitiesSelf(String path) {
		String normalized = VaultPaths.validate(path);
		List<String> capabilities = capabilitiesSelf(List.of(normalized)).get(normalized);
		return (capabilities != null) ? capabilities : List.of();
	}

	@Override
	public Map<String, List<String>> capabilitiesSelf(Collection<String> paths) {
		Assert.notEmpty(paths, "'paths' must not be empty");
		List<String> normalized = paths.stream().map(VaultPaths::validate).distinct().toList();
		ObjectNode body = this.jsonMapper.createObjectNode();
		ArrayNode list = body.putArray("paths");
		normalized.forEach(list::add);
		JsonNode data = this.client.execute(VaultRequest.post("sys/capabilities-self").body(body).build())
			.requireData();
		Map<String, List<String>> capabilities = new LinkedHashMap<>();
		for (String path : normalized) {
			JsonNode forPath = data.get(path);
			if (forPath == null && normalized.size() == 1) {
				forPath = data.get("capabilities");
			}
			capabilities.put(path, SysResponses.strings(forPath));
		}
		return capabilities;
	}

	private static String mountPath(String path) {
		Assert.hasText(path, "'path' must not be empty");
		String trimmed = SysResponses.trim(path);
		if (trimmed.isEmpty()) {
			throw new InvalidPathException(path, "the mount path is empty");
		}
		return VaultPaths.validate(trimmed);
	}

	@Override
	public String toString() {
		return "SysTemplate";
	}

}
