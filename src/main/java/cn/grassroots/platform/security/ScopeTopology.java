package cn.grassroots.platform.security;

import java.util.Optional;
import java.util.Set;

/**
 * What the scope resolver needs to know of the structures that scopes anchor on. Implemented
 * by the org module, which owns grids and units; the platform never queries their tables.
 */
public interface ScopeTopology {

	/** The unit and every unit below it. */
	Set<Long> unitSubtree(long unitId);

	/** The grid and its micro-grids. */
	Set<Long> gridSubtree(long gridId);

	/** The community or village a grid lies in. */
	Optional<Long> gridRegion(long gridId);

	/** The region a unit sits in. */
	Optional<Long> unitRegion(long unitId);

	/** A region's full path of names, for showing a grant's scope. */
	Optional<String> regionPath(long regionCode);

	Optional<String> gridName(long gridId);

	Optional<String> unitName(long unitId);
}
