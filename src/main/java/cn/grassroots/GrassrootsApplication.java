package cn.grassroots;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableAsync;
import org.springframework.scheduling.annotation.EnableScheduling;

/** 党建引领基层治理一体化平台: one application, one module per capability. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@EnableAsync
public class GrassrootsApplication {

	public static void main(String[] args) {
		SpringApplication.run(GrassrootsApplication.class, args);
	}
}
