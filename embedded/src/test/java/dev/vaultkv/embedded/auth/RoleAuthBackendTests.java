package dev.vaultkv.embedded.auth;

import java.util.Map;

import dev.vaultkv.embedded.spi.ApiResponse;
import dev.vaultkv.embedded.spi.Backend;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

import static dev.vaultkv.embedded.auth.ApproleBackendTests.assertError;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The behaviour {@link RoleAuthBackend} gives the methods that log in against a named role, checked on one
 * method keeping role names as given ({@code kubernetes}) and one keeping them in lower case ({@code aws}).
 */
class RoleAuthBackendTests {

	private static final Map<String, Object> KUBERNETES_ROLE = Map.of("bound_service_account_names", "app",
			"bound_service_account_namespaces", "default");

	private static final Map<String, Object> AWS_ROLE = Map.of("auth_type", "ec2", "bound_ami_id", "ami-1");

	private final TestMountContext kubernetesContext = new TestMountContext("auth/kubernetes/", "kubernetes");

	private final Backend kubernetes = new KubernetesBackendFactory().create(this.kubernetesContext);

	private final TestMountContext awsContext = new TestMountContext("auth/aws/", "aws");

	private final Backend aws = new AwsBackendFactory().create(this.awsContext);

	@Test
	void roleNamesKeepTheirCaseWhereVaultKeepsIt() {
		assertThat(exists(this.kubernetes, this.kubernetesContext, "role/App")).isFalse();
		assertThat(call(this.kubernetes, this.kubernetesContext, "POST", "role/App", KUBERNETES_ROLE).getStatus())
			.isEqualTo(204);
		assertThat(exists(this.kubernetes, this.kubernetesContext, "role/App")).isTrue();
		assertThat(exists(this.kubernetes, this.kubernetesContext, "role/app")).isFalse();
		assertThat(call(this.kubernetes, this.kubernetesContext, "GET", "role/app", null).getStatus()).isEqualTo(404);
		assertThat(keys(call(this.kubernetes, this.kubernetesContext, "LIST", "role/", null))).isEqualTo("[\"App\"]");
		assertThat(call(this.kubernetes, this.kubernetesContext, "DELETE", "role/App", null).getStatus())
			.isEqualTo(204);
		assertThat(call(this.kubernetes, this.kubernetesContext, "LIST", "role", null).getStatus()).isEqualTo(404);
	}

	@Test
	void roleNamesAreLowerCasedWhereVaultLowerCasesThem() {
		assertThat(exists(this.aws, this.awsContext, "role/Web")).isFalse();
		assertThat(call(this.aws, this.awsContext, "POST", "role/Web", AWS_ROLE).getStatus()).isEqualTo(204);
		assertThat(exists(this.aws, this.awsContext, "role/web")).isTrue();
		assertThat(exists(this.aws, this.awsContext, "role/WEB")).isTrue();
		assertThat(call(this.aws, this.awsContext, "GET", "role/WEB", null).getData().get("bound_ami_id").toString())
			.isEqualTo("[\"ami-1\"]");
		assertThat(keys(call(this.aws, this.awsContext, "LIST", "role", null))).isEqualTo("[\"web\"]");
		assertThat(keys(call(this.aws, this.awsContext, "LIST", "roles", null))).isEqualTo("[\"web\"]");
		assertThat(call(this.aws, this.awsContext, "DELETE", "role/Web", null).getStatus()).isEqualTo(204);
		assertThat(exists(this.aws, this.awsContext, "role/web")).isFalse();
	}

	@Test
	void onlyLoginIsUnauthenticatedAndOnlyWritable() {
		for (Backend backend : new Backend[] { this.kubernetes, this.aws }) {
			TestMountContext context = (backend == this.aws) ? this.awsContext : this.kubernetesContext;
			assertThat(backend.isUnauthenticated(context.request("POST", "login", null))).isTrue();
			assertThat(backend.isUnauthenticated(context.request("POST", "role/x", null))).isFalse();
			assertThat(backend.exists(context.request("POST", "login", null))).isNull();
			assertError(call(backend, context, "GET", "login", null), 405, "unsupported operation");
			assertError(call(backend, context, "GET", "role", null), 405,
					"1 error occurred:\n\t* unsupported operation\n\n");
			assertError(call(backend, context, "GET", "nothing/here", null), 404,
					"1 error occurred:\n\t* unsupported path\n\n");
		}
	}

	private static Boolean exists(Backend backend, TestMountContext context, String subPath) {
		return backend.exists(context.request("POST", subPath, null));
	}

	private static String keys(ApiResponse response) {
		return response.getData().get("keys").toString();
	}

	private static ApiResponse call(Backend backend, TestMountContext context, String method, String subPath,
			Map<String, ?> body) {
		ObjectNode data = (body != null) ? Json.MAPPER.valueToTree(body) : null;
		return backend.handle(context.request(method, subPath, data));
	}

}
