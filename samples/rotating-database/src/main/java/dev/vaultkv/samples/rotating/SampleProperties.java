package dev.vaultkv.samples.rotating;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The run, bound from {@code sample.*}.
 *
 * @param workers threads running queries through the pool
 * @param rotations password rotations, alternately database first and Vault first
 * @param warmupQueries queries run before latencies are recorded
 * @param steadyQueries queries recorded before the first rotation, the steady state
 * @param settleTimeout how long a rotation may take until the pool has a connection opened with the new
 * password
 * @param secretPath the path of the database credentials in Vault, on the {@code vault.kv.mount}
 */
@ConfigurationProperties("sample")
public record SampleProperties(@DefaultValue("8") int workers, @DefaultValue("20") int rotations,
		@DefaultValue("50000") long warmupQueries, @DefaultValue("100000") long steadyQueries,
		@DefaultValue("20s") Duration settleTimeout, @DefaultValue("myapp/db") String secretPath) {

}
