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

	/**
	 * Apply a role write's parameters other than the token fields, with Vault's validation.
	 * @param params the parameters
	 * @param created whether the write creates the role
	 * @throws AuthRequestException (400) with Vault's message for an invalid combination
	 */
	void update(Params params, boolean created) {
		String authType = params.string("auth_type");
		if (authType != null) {
			if (created) {
				if (!authType.equals("ec2") && !authType.equals("iam")) {
					throw AuthRequestException.badRequest("unrecognized auth_type: " + authType);
				}
				this.authType = authType;
			}
			else if (!authType.equals(this.authType)) {
				throw AuthRequestException.badRequest("changing auth_type on a role is not allowed");
			}
		}
		for (String field : BOUNDS) {
			List<String> values = params.stringList(field);
			if (values != null) {
				this.bounds.put(field, values);
			}
		}
		Boolean resolve = params.bool("resolve_aws_unique_ids");
		if (resolve != null) {
			if (!created && this.resolveAwsUniqueIds && !resolve) {
				throw AuthRequestException.badRequest("changing resolve_aws_unique_ids from true to false is not allowed");
			}
			this.resolveAwsUniqueIds = resolve;
		}
		this.inferredEntityType = params.string("inferred_entity_type", this.inferredEntityType);
		this.inferredAwsRegion = params.string("inferred_aws_region", this.inferredAwsRegion);
		boolean ec2 = this.authType.equals("ec2");
		boolean allowEc2Binds = ec2;
		if (!this.inferredEntityType.isEmpty()) {
			if (ec2) {
				throw AuthRequestException.badRequest("specified inferred_entity_type but didn't allow iam auth_type");
			}
			if (!this.inferredEntityType.equals("ec2_instance")) {
				throw AuthRequestException
					.badRequest("specified invalid inferred_entity_type: " + this.inferredEntityType);
			}
			if (this.inferredAwsRegion.isEmpty()) {
				throw AuthRequestException.badRequest("specified inferred_entity_type but not inferred_aws_region");
			}
			allowEc2Binds = true;
		}
		else if (!this.inferredAwsRegion.isEmpty()) {
			throw AuthRequestException.badRequest("specified inferred_aws_region but not inferred_entity_type");
		}
		int binds = 0;
		for (String field : BOUNDS) {
			if (this.bound(field).isEmpty()) {
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
			this.disallowReauthentication = disallow;
		}
		Boolean migration = params.bool("allow_instance_migration");
		if (migration != null) {
			if (!ec2) {
				throw AuthRequestException.badRequest("specified allow_instance_migration when not using ec2 auth type");
			}
			this.allowInstanceMigration = migration;
		}
		if (this.allowInstanceMigration && this.disallowReauthentication) {
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
			this.roleTag = roleTag;
		}
	}

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
