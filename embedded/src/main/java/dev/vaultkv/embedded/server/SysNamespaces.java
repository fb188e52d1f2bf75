package dev.vaultkv.embedded.server;

import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.node.ObjectNode;

import dev.vaultkv.embedded.spi.ApiRequest;
import dev.vaultkv.embedded.spi.ApiResponse;

/**
 * {@code sys/namespaces}: create, read, delete and list child namespaces.
 *
 * @author vaultkv
 * @since 0.1.0
 */
final class SysNamespaces {

	private final ServerState state;

	private final Namespace namespace;

	SysNamespaces(ServerState state, Namespace namespace) {
		this.state = state;
		this.namespace = namespace;
	}

	ApiResponse handle(ApiRequest request, String rest) {
		if (rest.isEmpty() || rest.equals("/")) {
			return request.isList() ? list() : ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
		String relative = SysMounts.normalize(rest);
		String full = this.namespace.path() + relative;
		switch (request.method()) {
			case "GET": {
				Namespace child = this.state.namespace(full);
				return (child != null) ? ApiResponse.ok(json(child)) : ApiResponse.notFound();
			}
			case "POST":
			case "PUT": {
				synchronized (this.state.mountLock()) {
					Namespace existing = this.state.namespace(full);
					if (existing != null) {
						return ApiResponse.ok(json(existing));
					}
					String parent = full.substring(0, full.lastIndexOf('/', full.length() - 2) + 1);
					if (this.state.namespace(parent) == null) {
						return ApiResponse.error(400, "parent namespace \"" + parent + "\" does not exist");
					}
					if (!relative.matches("[A-Za-z0-9._\\-/]+/")) {
						return ApiResponse.error(400, "invalid namespace name \"" + relative + "\"");
					}
					Namespace created = this.state.createNamespace(full,
							Json.toStringMap(request.data().get("custom_metadata")));
					return ApiResponse.ok(json(created));
				}
			}
			case "DELETE": {
				Namespace child = this.state.namespace(full);
				if (child == null) {
					return ApiResponse.noContent();
				}
				boolean hasChildren = this.state.namespaces()
					.stream()
					.anyMatch((other) -> other.path().startsWith(full) && !other.path().equals(full));
				if (hasChildren) {
					return ApiResponse.error(400, "cannot delete namespace (\"" + full + "\") containing child namespaces");
				}
				this.state.deleteNamespace(child);
				return ApiResponse.noContent();
			}
			default:
				return ApiResponse.error(405, SysBackend.UNSUPPORTED_OPERATION);
		}
	}

	private ApiResponse list() {
		List<Namespace> children = this.state.namespaces()
			.stream()
			.filter((other) -> other.path().startsWith(this.namespace.path())
					&& other.path().length() > this.namespace.path().length()
					&& other.path().substring(this.namespace.path().length()).indexOf('/') == other.path().length()
							- this.namespace.path().length() - 1)
			.sorted(Comparator.comparing(Namespace::path))
			.toList();
		ObjectNode data = Json.object();
		data.set("keys", Json.strings(children.stream().map((child) -> relative(child)).toList()));
		ObjectNode info = data.putObject("key_info");
		children.forEach((child) -> info.set(relative(child), json(child)));
		return ApiResponse.ok(data);
	}

	private String relative(Namespace child) {
		return child.path().substring(this.namespace.path().length());
	}

	private ObjectNode json(Namespace child) {
		ObjectNode node = Json.object();
		node.put("id", child.id());
		node.put("path", child.path());
		node.set("custom_metadata", Json.stringMap(child.customMetadata(), false));
		if (this.state.settings().openBao()) {
			// OpenBao adds the namespace's UUID and its lock and taint states
			node.put("uuid", child.uuid());
			node.put("tainted", false);
			node.put("locked", false);
		}
		return node;
	}

}
