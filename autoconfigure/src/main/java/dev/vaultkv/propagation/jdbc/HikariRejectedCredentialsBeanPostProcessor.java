package dev.vaultkv.propagation.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Lets HikariCP pools built from a JDBC URL read their credentials again when the database rejects them:
 * before such a pool starts, it is given a data source around the JDBC driver (the one HikariCP would
 * make itself) that, once {@link HikariCredentialsConsumers} follows the pool, re-reads the secret on a
 * rejection and retries the connection with the credentials read.
 * <p>
 * A pool that runs already (built with {@code new HikariDataSource(config)}), or that opens connections
 * through a data source, data source class or JNDI name of its own, is left as it is: it follows a changed
 * secret, but a rejection stays the caller's. Wrapping a data source the application made could hide it
 * from HikariCP's driver-specific handling.
 *
 * @since 0.1.0
 */
public final class HikariRejectedCredentialsBeanPostProcessor implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(HikariRejectedCredentialsBeanPostProcessor.class);

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource pool && isDriverBased(pool)) {
			try {
				DriverDataSource driver = new DriverDataSource(pool.getJdbcUrl(), pool.getDriverClassName(),
						pool.getDataSourceProperties(), pool.getUsername(), pool.getPassword());
				String name = HikariPoolCredentials.describe(beanName);
				pool.setDataSource(new CredentialsRefreshingDataSource(name, driver, pool));
			}
			catch (RuntimeException ex) {
				// HikariCP reports the same failure, with its advice, when the pool starts
				logger.debug("HikariCP pool '{}' cannot retry connections rejected for their credentials ({})",
						beanName, ex.getClass().getName());
			}
		}
		return bean;
	}

	private static boolean isDriverBased(HikariDataSource pool) {
		return pool.getHikariPoolMXBean() == null && !pool.isClosed() && pool.getJdbcUrl() != null
				&& pool.getDataSource() == null && pool.getDataSourceClassName() == null
				&& pool.getDataSourceJNDI() == null;
	}

}
