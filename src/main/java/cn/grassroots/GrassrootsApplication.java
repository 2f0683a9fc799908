package cn.grassroots;

import java.util.TimeZone;

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

	static {
		// Officers read and type dates in China time (deadlines, "today", the watermark), whatever
		// the server's zone; stored timestamps carry their offset, so this changes no stored value.
		TimeZone.setDefault(TimeZone.getTimeZone(System.getProperty("grassroots.time-zone", "Asia/Shanghai")));
	}

	public static void main(String[] args) {
		SpringApplication.run(GrassrootsApplication.class, args);
	}
}
