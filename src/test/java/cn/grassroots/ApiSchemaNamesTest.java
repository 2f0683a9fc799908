package cn.grassroots;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RestController;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The OpenAPI document names a request or response body by its simple class name, so two bodies
 * of the same name in different controllers would be published as one schema, and one of them
 * wrongly. Every record declared in a REST controller, and every top-level record (such a record
 * may be a body too), must therefore have a name of its own.
 */
class ApiSchemaNamesTest {

	@Test
	void everyRecordThatMayBeABodyHasAUniqueName() {
		Map<String, Set<String>> owners = new TreeMap<>();
		for (JavaClass type : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.importPackages("cn.grassroots")) {
			boolean inController = type.getEnclosingClass().isPresent()
					&& type.getEnclosingClass().get().isAnnotatedWith(RestController.class);
			if (type.isRecord() && (inController || type.isTopLevelClass())) {
				owners.computeIfAbsent(type.getSimpleName(), k -> new TreeSet<>()).add(type.getName());
			}
		}
		assertThat(owners).isNotEmpty();
		assertThat(owners).allSatisfy((name, classes) -> assertThat(classes).as(name).hasSize(1));
	}
}
