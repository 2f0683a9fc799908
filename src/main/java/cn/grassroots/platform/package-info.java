/**
 * Platform: security (accounts, roles, data scope), audit, background jobs, file store,
 * field encryption, layout and i18n. An open module: every capability module uses it.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Platform", type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package cn.grassroots.platform;
