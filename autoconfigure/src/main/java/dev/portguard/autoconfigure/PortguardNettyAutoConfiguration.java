package dev.portguard.autoconfigure;

import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.reactor.netty.NettyRouteProvider;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.web.server.reactive.ReactiveWebServerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ReactiveHttpInputMessage;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Auto-configuration of portguard's bind-time retry for Reactor Netty: replaces Boot's Netty factory with
 * {@link PortguardNettyReactiveWebServerFactory}, configured the same way.
 */
@AutoConfiguration(before = NettyReactiveWebServerAutoConfiguration.class)
@ConditionalOnClass({ ReactiveHttpInputMessage.class, HttpServer.class, NettyReactiveWebServerFactory.class })
@ConditionalOnWebApplication(type = Type.REACTIVE)
@ConditionalOnBooleanProperty("portguard.auto")
@ConditionalOnBooleanProperty(name = "portguard.retry.enabled", matchIfMissing = true)
public final class PortguardNettyAutoConfiguration {

	PortguardNettyAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveWebServerFactory.class)
	PortguardNettyReactiveWebServerFactory nettyReactiveWebServerFactory(ReactorResourceFactory resourceFactory,
			ObjectProvider<NettyRouteProvider> routes, ObjectProvider<NettyServerCustomizer> serverCustomizers) {
		PortguardNettyReactiveWebServerFactory factory = new PortguardNettyReactiveWebServerFactory();
		factory.setResourceFactory(resourceFactory);
		routes.orderedStream().forEach(factory::addRouteProviders);
		factory.getServerCustomizers().addAll(serverCustomizers.orderedStream().toList());
		return factory;
	}

}
