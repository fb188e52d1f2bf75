package dev.vaultkv.embedded.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.node.ObjectNode;

/**
 * A role of the AWS auth method. Mutable; guarded by the backend monitor.
 *
 * @author vaultkv
 */
final class AwsRole {

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

	AwsRole copy() {
		AwsRole copy = new AwsRole();
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
					ids.add(AwsIamPrincipal.parse(arn).uniqueId());
				}
				catch (IllegalArgumentException ex) {
					// not an IAM principal ARN: never matches
				}
			}
		}
		return ids;
	}

}
