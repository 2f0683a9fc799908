/**
 * Org: the administrative tree (real division codes), grids and micro-grids, party
 * organisations, units, people and their posts. Other modules use {@link cn.grassroots.org.OrgDirectory}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Organisation")
package cn.grassroots.org;
