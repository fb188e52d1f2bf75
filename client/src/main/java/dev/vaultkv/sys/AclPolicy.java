package dev.vaultkv.sys;

/**
 * An ACL policy.
 *
 * @param name the policy name
 * @param policy the policy document (HCL or JSON)
 * @since 0.1.0
 */
public record AclPolicy(String name, String policy) {

}
