package dev.vaultkv.propagation;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.framework.Advised;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

import dev.vaultkv.secret.SecretLocation;

/**
 * Rebinds one JavaBean {@code @ConfigurationProperties} bean in place when a value it was bound from
 * comes from a changed secret and differs from the value bound: first into a new instance, so that a
 * value that cannot be bound leaves the bean as it was, then the bean itself, as at startup (destroy
 * callbacks, binding, init callbacks). Constructor-bound beans (records, immutable classes) cannot
 * change and are not followed, nor are data sources: a running pool's settings are sealed, and a
 * HikariCP pool follows its credentials through {@link dev.vaultkv.propagation.jdbc.HikariCredentialsConsumer}.
 *
 * @since 0.1.0
 */
public final class ConfigurationPropertiesSecretConsumer extends PropertiesSecretConsumer {

	private static final Logger logger = LoggerFactory.getLogger(ConfigurationPropertiesSecretConsumer.class);

	private final ConfigurableApplicationContext context;

	private final ConfigurationPropertiesBean bean;

	private ConfigurationPropertiesSecretConsumer(ConfigurableApplicationContext context,
			ConfigurationPropertiesBean bean, SecretBackedProperties properties, List<String> propertyNames) {
		super("@ConfigurationProperties " + bean.getName(), properties, propertyNames);
		this.context = context;
		this.bean = bean;
	}

	/**
	 * Return a consumer for every JavaBean {@code @ConfigurationProperties} bean of a context bound from a
	 * secret, except those marked {@link KeepSecretsFromStartup}.
	 * @param context the application context
	 * @param properties resolves the environment's properties
	 * @return the consumers
	 */
	public static List<SecretConsumer> forContext(ConfigurableApplicationContext context,
			SecretBackedProperties properties) {
		Assert.notNull(context, "'context' must not be null");
		Assert.notNull(properties, "'properties' must not be null");
		Map<String, Set<SecretLocation>> secretBacked = properties.findSecretBackedProperties();
		if (secretBacked.isEmpty()) {
			return List.of();
		}
		List<SecretConsumer> consumers = new ArrayList<>();
		ConfigurationPropertiesBean.getAll(context).forEach((name, bean) -> {
			ConfigurationPropertyName prefix = ConfigurationPropertyName.adapt(bean.getAnnotation().prefix(), '.');
			List<String> names = new ArrayList<>();
			Set<SecretLocation> locations = new LinkedHashSet<>();
			secretBacked.forEach((property, read) -> {
				ConfigurationPropertyName propertyName = ConfigurationPropertyName.adapt(property, '.');
				if (prefix.isEmpty() || prefix.isAncestorOf(propertyName)) {
					names.add(property);
					locations.addAll(read);
				}
			});
			if (names.isEmpty() || isExcluded(context, name, bean)) {
				return;
			}
			if (bean.getInstance() instanceof DataSource) {
				logger.debug("@ConfigurationProperties bean '{}' is a DataSource and is not rebound from secrets {}",
						name, locations);
				return;
			}
			if (bean.asBindTarget().getBindMethod() == BindMethod.VALUE_OBJECT) {
				logger.info("@ConfigurationProperties bean '{}' is bound from secrets {} through its constructor and "
						+ "cannot be rebound when they change; make it a JavaBean or inject SecretValue handles",
						name, locations);
				return;
			}
			consumers.add(new ConfigurationPropertiesSecretConsumer(context, bean, properties, names));
		});
		return consumers;
	}

	private static boolean isExcluded(ConfigurableApplicationContext context, String name,
			ConfigurationPropertiesBean bean) {
		if (MergedAnnotations.from(ClassUtils.getUserClass(bean.getInstance().getClass()))
			.isPresent(KeepSecretsFromStartup.class)) {
			return true;
		}
		return context.getBeanFactory().findAnnotationOnBean(name, KeepSecretsFromStartup.class) != null;
	}

	@Override
	protected void applyValues(SecretBackedProperties.Resolved values) throws Exception {
		Object target = target(this.bean.getInstance());
		checkBindable(target.getClass());
		AutowireCapableBeanFactory factory = this.context.getAutowireCapableBeanFactory();
		factory.destroyBean(target);
		factory.initializeBean(target, this.bean.getName());
	}

	/**
	 * Bind into a new instance first, so that a value that cannot be bound leaves the bean untouched.
	 */
	private void checkBindable(Class<?> type) {
		if (!BeanUtils.isSimpleValueType(type) && hasDefaultConstructor(type)) {
			Object probe = BeanUtils.instantiateClass(type);
			try {
				Binder.get(this.context.getEnvironment())
					.bind(this.bean.getAnnotation().prefix(), Bindable.ofInstance(probe));
			}
			catch (RuntimeException ex) {
				// the binder's message may quote the value: only its type leaves here
				throw new IllegalStateException("@ConfigurationProperties bean '" + this.bean.getName()
						+ "' cannot be bound from the changed secrets (" + ex.getClass().getSimpleName()
						+ "); it keeps its values");
			}
		}
	}

	private static boolean hasDefaultConstructor(Class<?> type) {
		try {
			type.getDeclaredConstructor();
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private static Object target(Object bean) throws Exception {
		if (AopUtils.isAopProxy(bean) && bean instanceof Advised advised) {
			@Nullable Object target = advised.getTargetSource().getTarget();
			if (target != null) {
				return target;
			}
		}
		return bean;
	}

}
