package org.fibroplan;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModuleDependency;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.DependencyType;
import org.springframework.modulith.core.NamedInterface;

/**
 * The modules as Spring Modulith sees them in the compiled code: each module's public API (the types of
 * its root package, and any named interfaces), its internal rooms (sub-packages, with their class counts)
 * and the modules it depends on, with the API types it uses from each.
 */
final class ModuleTable {

	private final ApplicationModules modules;
	private final List<ApplicationModule> ordered;

	ModuleTable(ApplicationModules modules) {
		this.modules = modules;
		this.ordered = layered(modules);
	}

	/** Module names, a module after every module it depends on (ties alphabetical), for tables and trees alike. */
	Comparator<String> order() {
		List<String> names = ordered.stream().map(ApplicationModule::getName).toList();
		return Comparator.comparing((String name) -> names.contains(name) ? names.indexOf(name) : names.size())
				.thenComparing(Comparator.naturalOrder());
	}

	String render() {
		List<String> lines = new ArrayList<>();
		lines.add("| module | public API (root package) | internal rooms (classes) | depends on (types it uses) |");
		lines.add("|---|---|---|---|");
		for (ApplicationModule module : ordered) {
			lines.add("| `%s` | %s | %s | %s |".formatted(module.getName(), api(module), rooms(module), dependencies(module)));
		}
		return String.join("\n", lines);
	}

	private static String api(ApplicationModule module) {
		List<String> parts = new ArrayList<>();
		parts.add(names(topLevel(module.getNamedInterfaces().getUnnamedInterface().asJavaClasses().toList())));
		module.getNamedInterfaces().stream().filter(NamedInterface::isNamed).sorted(Comparator.comparing(NamedInterface::getName))
				.forEach(named -> parts.add("named interface `%s`: %s".formatted(named.getName(), names(topLevel(named.asJavaClasses().toList())))));
		return String.join("; ", parts);
	}

	/** Sub-packages relative to the module's root, each with its number of top-level classes. */
	private static String rooms(ApplicationModule module) {
		String base = module.getBasePackage().getName();
		Map<String, Long> counts = new TreeMap<>(topLevel(module.getBasePackage().stream().toList()).stream()
				.filter(type -> !type.getPackageName().equals(base))
				.collect(Collectors.groupingBy(type -> type.getPackageName().substring(base.length() + 1).replace('.', '/'),
						Collectors.counting())));
		if (counts.isEmpty()) {
			return "none";
		}
		return counts.entrySet().stream().map(room -> "`%s/` (%d)".formatted(room.getKey(), room.getValue())).collect(Collectors.joining(", "));
	}

	/** Each module depended on, with the types used from it; types only listened to are marked as events. */
	private String dependencies(ApplicationModule module) {
		Map<String, Set<String>> used = new TreeMap<>(order());
		Map<String, Set<String>> listened = new TreeMap<>();
		for (ApplicationModuleDependency dependency : module.getDirectDependencies(modules).stream().toList()) {
			String target = dependency.getTargetModule().getName();
			String type = outermost(dependency.getTargetType()).getSimpleName();
			used.computeIfAbsent(target, t -> new TreeSet<>()).add(type);
			if (dependency.getDependencyType() == DependencyType.EVENT_LISTENER) {
				listened.computeIfAbsent(target, t -> new TreeSet<>()).add(type);
			}
		}
		if (used.isEmpty()) {
			return "none";
		}
		return used.entrySet().stream().map(target -> "`%s` (%s)".formatted(target.getKey(), target.getValue().stream()
				.map(type -> listened.getOrDefault(target.getKey(), Set.of()).contains(type) ? "`" + type + "` event" : "`" + type + "`")
				.collect(Collectors.joining(", ")))).collect(Collectors.joining(", "));
	}

	private static List<JavaClass> topLevel(List<JavaClass> types) {
		return types.stream().filter(JavaClass::isTopLevelClass).filter(type -> !type.getSimpleName().equals("package-info")).toList();
	}

	private static JavaClass outermost(JavaClass type) {
		return type.getEnclosingClass().map(ModuleTable::outermost).orElse(type);
	}

	private static String names(List<JavaClass> types) {
		return types.isEmpty() ? "none" : types.stream().map(JavaClass::getSimpleName).sorted().distinct()
				.map(name -> "`" + name + "`").collect(Collectors.joining(", "));
	}

	/** Longest-path layering: modules without dependencies first, then those that need only those, and so on. */
	private static List<ApplicationModule> layered(ApplicationModules modules) {
		Map<ApplicationModule, Integer> depth = new TreeMap<>(Comparator.comparing(ApplicationModule::getName));
		modules.stream().forEach(module -> depth(module, modules, depth));
		return depth.keySet().stream()
				.sorted(Comparator.comparing((ApplicationModule module) -> depth.get(module)).thenComparing(ApplicationModule::getName))
				.toList();
	}

	private static int depth(ApplicationModule module, ApplicationModules modules, Map<ApplicationModule, Integer> depth) {
		Integer known = depth.get(module);
		if (known != null) {
			return known;
		}
		int deepest = module.getDirectDependencies(modules).uniqueModules().filter(other -> !other.equals(module))
				.mapToInt(other -> depth(other, modules, depth) + 1).max().orElse(0);
		depth.put(module, deepest);
		return deepest;
	}
}
