package dev.vaultkv.secret;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.core.PriorityOrdered;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.SingletonSupplier;

import dev.vaultkv.client.VaultException;

/**
 * Injects {@link Secret @Secret} fields and setters after the bean's other dependencies and before its
 * initialization callbacks. A failure stops the bean's creation with a message naming the bean, the
 * member, the reference and the target type, never the value.
 *
 * @since 0.1.0
 */
public class SecretAnnotationBeanPostProcessor implements InstantiationAwareBeanPostProcessor, PriorityOrdered {

	private final Supplier<SecretResolver> resolver;

	private final Supplier<SecretConverter> converter;

	private final Map<Class<?>, List<InjectionPoint>> injectionPoints = new ConcurrentHashMap<>();

	/**
	 * Create a new instance; the collaborators are looked up on first use.
	 * @param resolver supplies the secret resolver
	 * @param converter supplies the converter
	 */
	public SecretAnnotationBeanPostProcessor(Supplier<SecretResolver> resolver, Supplier<SecretConverter> converter) {
		Assert.notNull(resolver, "'resolver' must not be null");
		Assert.notNull(converter, "'converter' must not be null");
		this.resolver = SingletonSupplier.of(resolver);
		this.converter = SingletonSupplier.of(converter);
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	@Override
	public PropertyValues postProcessProperties(PropertyValues pvs, Object bean, String beanName)
			throws BeansException {
		for (InjectionPoint point : this.injectionPoints.computeIfAbsent(bean.getClass(), this::findInjectionPoints)) {
			point.inject(bean, beanName);
		}
		return pvs;
	}

	private List<InjectionPoint> findInjectionPoints(Class<?> type) {
		List<InjectionPoint> points = new ArrayList<>();
		ReflectionUtils.doWithFields(type, (field) -> {
			Secret secret = field.getAnnotation(Secret.class);
			if (secret != null) {
				if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
					throw new IllegalStateException("@Secret is not supported on static or final field '"
							+ field.getName() + "' of " + type.getName());
				}
				points.add(new FieldInjectionPoint(field, SecretReference.parse(secret.value())));
			}
		});
		ReflectionUtils.doWithMethods(type, (method) -> {
			Secret secret = method.getAnnotation(Secret.class);
			if (secret != null && !method.isBridge()) {
				if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() != 1) {
					throw new IllegalStateException("@Secret method '" + method.getName() + "' of " + type.getName()
							+ " must be an instance method with one parameter");
				}
				points.add(new MethodInjectionPoint(method, SecretReference.parse(secret.value())));
			}
		});
		return List.copyOf(points);
	}

	private @Nullable Object resolve(SecretReference reference, ResolvableType type, String member,
			String beanName) {
		try {
			if (type.resolve() == SecretValue.class) {
				SecretValue<?> value = new CachedSecretValue<>(this.resolver.get(), this.converter.get(), reference,
						type.getGeneric(0));
				value.get();
				return value;
			}
			return this.converter.get().convert(this.resolver.get(), reference, type);
		}
		catch (VaultException ex) {
			throw new BeanCreationException(beanName, "Cannot inject @Secret(\"" + reference + "\") into " + member
					+ " of type " + type + ": " + ex.getMessage(), ex);
		}
	}

	private abstract class InjectionPoint {

		final SecretReference reference;

		InjectionPoint(SecretReference reference) {
			this.reference = reference;
		}

		abstract void inject(Object bean, String beanName);

	}

	private final class FieldInjectionPoint extends InjectionPoint {

		private final Field field;

		FieldInjectionPoint(Field field, SecretReference reference) {
			super(reference);
			this.field = field;
			ReflectionUtils.makeAccessible(field);
		}

		@Override
		void inject(Object bean, String beanName) {
			Object value = resolve(this.reference, ResolvableType.forField(this.field, bean.getClass()),
					"field '" + this.field.getName() + "'", beanName);
			ReflectionUtils.setField(this.field, bean, value);
		}

	}

	private final class MethodInjectionPoint extends InjectionPoint {

		private final Method method;

		MethodInjectionPoint(Method method, SecretReference reference) {
			super(reference);
			this.method = method;
			ReflectionUtils.makeAccessible(method);
		}

		@Override
		void inject(Object bean, String beanName) {
			Object value = resolve(this.reference,
					ResolvableType.forMethodParameter(new MethodParameter(this.method, 0).withContainingClass(bean.getClass())),
					"method '" + this.method.getName() + "'", beanName);
			ReflectionUtils.invokeMethod(this.method, bean, value);
		}

	}

}
