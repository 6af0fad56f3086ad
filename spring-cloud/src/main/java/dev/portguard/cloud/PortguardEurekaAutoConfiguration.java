package dev.portguard.cloud;

import com.netflix.appinfo.ApplicationInfoManager;
import com.netflix.discovery.EurekaClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.cloud.netflix.eureka.EurekaClientAutoConfiguration;
import org.springframework.cloud.netflix.eureka.EurekaInstanceConfigBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that keeps Eureka's record of this instance on the ports its web servers really bound.
 */
@AutoConfiguration(after = EurekaClientAutoConfiguration.class)
@ConditionalOnClass({ EurekaInstanceConfigBean.class, ApplicationInfoManager.class, WebServerInitializedEvent.class })
@ConditionalOnBean(EurekaInstanceConfigBean.class)
public final class PortguardEurekaAutoConfiguration {

	PortguardEurekaAutoConfiguration() {
	}

	@Bean
	@ConditionalOnMissingBean
	static EurekaPortPublisher portguardEurekaPortPublisher(EurekaInstanceConfigBean instance,
			ObjectProvider<ApplicationInfoManager> applicationInfoManager, ObjectProvider<EurekaClient> eurekaClient) {
		return new EurekaPortPublisher(instance, applicationInfoManager, eurekaClient);
	}

}
