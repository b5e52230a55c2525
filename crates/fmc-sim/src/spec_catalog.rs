//! The resources that the simulator's API specification describes: the
//! FMC's object types, policies, devices, deployment, health, audit and
//! platform paths, with the operations and query parameters each has on a
//! real FMC (7.x). Only network objects are actually served. The others
//! exist in the spec so that clients can be tested against a spec of
//! realistic size and shape.

/// Which operations a resource has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Collection GET and item GET only.
    ReadOnly,
    /// Collection GET/POST and item GET/PUT/DELETE.
    Full,
    /// Like `Full`, and the collection POST takes `?bulk=true`.
    Bulk,
    /// Collection GET only, with no items by id.
    ListOnly,
    /// Collection POST only, such as a deployment request.
    CreateOnly,
}

/// One REST resource of the spec.
#[derive(Clone, Debug)]
pub struct Resource {
    /// Path after `/api`, with `{domainUUID}` and `{containerUUID}` where
    /// the FMC has them, and without the trailing `{objectId}`.
    pub path: String,
    /// Model name used in `operationId`s and schemas, such as
    /// `NetworkObject` for `getAllNetworkObject`.
    pub model: String,
    /// The API explorer's group of the operation.
    pub tag: &'static str,
    pub access: Access,
    /// True where the collection GET takes `filter`.
    pub filter: bool,
}

fn resource(path: &str, model: &str, tag: &'static str, access: Access, filter: bool) -> Resource {
    Resource {
        path: path.to_owned(),
        model: model.to_owned(),
        tag,
        access,
        filter,
    }
}

const OBJECT: &str = "/fmc_config/v1/domain/{domainUUID}/object";

/// Object types under `object/`: the path segment, the model name, the
/// operations and whether the list takes `filter`.
const OBJECT_TYPES: &[(&str, &str, Access, bool)] = &[
    ("networks", "NetworkObject", Access::Bulk, true),
    ("hosts", "HostObject", Access::Bulk, true),
    ("ranges", "RangeObject", Access::Bulk, true),
    ("fqdns", "FQDNObject", Access::Bulk, true),
    ("networkgroups", "NetworkGroup", Access::Bulk, true),
    ("networkaddresses", "NetworkAddress", Access::ListOnly, true),
    ("ports", "Port", Access::ListOnly, false),
    (
        "protocolportobjects",
        "ProtocolPortObject",
        Access::Bulk,
        true,
    ),
    ("portobjectgroups", "PortObjectGroup", Access::Bulk, true),
    ("icmpv4objects", "ICMPV4Object", Access::Bulk, true),
    ("icmpv6objects", "ICMPV6Object", Access::Bulk, true),
    (
        "anyprotocolportobjects",
        "AnyProtocolPortObject",
        Access::ReadOnly,
        false,
    ),
    ("urls", "URLObject", Access::Bulk, true),
    ("urlgroups", "URLGroupObject", Access::Bulk, true),
    ("urlcategories", "URLCategory", Access::ReadOnly, true),
    ("securityzones", "SecurityZoneObject", Access::Bulk, true),
    (
        "interfacegroups",
        "InterfaceGroupObject",
        Access::Bulk,
        true,
    ),
    (
        "interfaceobjects",
        "InterfaceObject",
        Access::ReadOnly,
        true,
    ),
    ("vlantags", "VlanTag", Access::Bulk, true),
    ("vlangrouptags", "VlanGroupTag", Access::Bulk, true),
    ("slamonitors", "SLAMonitor", Access::Full, true),
    ("applications", "Application", Access::ReadOnly, true),
    (
        "applicationcategories",
        "ApplicationCategory",
        Access::ReadOnly,
        false,
    ),
    (
        "applicationfilters",
        "ApplicationFilter",
        Access::Full,
        true,
    ),
    (
        "applicationproductivities",
        "ApplicationProductivity",
        Access::ReadOnly,
        false,
    ),
    (
        "applicationrisks",
        "ApplicationRisk",
        Access::ReadOnly,
        false,
    ),
    ("applicationtags", "ApplicationTag", Access::ReadOnly, false),
    (
        "applicationtypes",
        "ApplicationType",
        Access::ReadOnly,
        false,
    ),
    ("continents", "Continent", Access::ReadOnly, false),
    ("countries", "Country", Access::ReadOnly, false),
    ("geolocations", "GeoLocationObject", Access::Full, true),
    (
        "dnsservergroups",
        "DNSServerGroupObject",
        Access::Bulk,
        true,
    ),
    (
        "extendedaccesslists",
        "ExtendedAccessList",
        Access::Full,
        true,
    ),
    (
        "standardaccesslists",
        "StandardAccessList",
        Access::Full,
        true,
    ),
    (
        "expandedcommunitylists",
        "ExpandedCommunityList",
        Access::Full,
        true,
    ),
    (
        "standardcommunitylists",
        "StandardCommunityList",
        Access::Full,
        true,
    ),
    ("aspathlists", "ASPathList", Access::Full, true),
    ("ipv4prefixlists", "IPv4PrefixList", Access::Full, true),
    ("ipv6prefixlists", "IPv6PrefixList", Access::Full, true),
    ("routemaps", "RouteMap", Access::Full, true),
    ("policylists", "PolicyList", Access::Full, true),
    ("ikev1policies", "IKEv1Policy", Access::Full, true),
    ("ikev2policies", "IKEv2Policy", Access::Full, true),
    (
        "ikev1ipsecproposals",
        "IKEv1IPsecProposal",
        Access::Full,
        true,
    ),
    (
        "ikev2ipsecproposals",
        "IKEv2IPsecProposal",
        Access::Full,
        true,
    ),
    ("keychains", "KeyChainObject", Access::Full, true),
    ("timeranges", "TimeRange", Access::Bulk, true),
    ("timezoneobjects", "TimeZoneObject", Access::Full, true),
    ("globaltimezones", "GlobalTimeZone", Access::ReadOnly, false),
    ("tunneltags", "TunnelTag", Access::ReadOnly, true),
    ("variablesets", "VariableSet", Access::ReadOnly, true),
    (
        "securitygrouptags",
        "SecurityGroupTag",
        Access::ReadOnly,
        true,
    ),
    (
        "isesecuritygrouptags",
        "ISESecurityGroupTag",
        Access::ReadOnly,
        true,
    ),
    ("siurlfeeds", "SIURLFeed", Access::ReadOnly, true),
    ("siurllists", "SIURLList", Access::ReadOnly, true),
    ("sinetworkfeeds", "SINetworkFeed", Access::ReadOnly, true),
    ("sinetworklists", "SINetworkList", Access::ReadOnly, true),
    ("sidnsfeeds", "SIDNSFeed", Access::ReadOnly, true),
    ("sidnslists", "SIDNSList", Access::ReadOnly, true),
    ("certenrollments", "CertEnrollment", Access::ReadOnly, true),
    (
        "endpointdevicetypes",
        "EndPointDeviceType",
        Access::ReadOnly,
        false,
    ),
    ("realms", "Realm", Access::ReadOnly, false),
    ("realmusers", "RealmUser", Access::ReadOnly, true),
    ("realmusergroups", "RealmUserGroup", Access::ReadOnly, true),
    ("intrusionrules", "IntrusionRule", Access::ReadOnly, true),
    (
        "intrusionrulegroups",
        "IntrusionRuleGroup",
        Access::ReadOnly,
        true,
    ),
    ("localrealmusers", "LocalRealmUser", Access::Full, true),
    ("sgtdynamicobjects", "SGTDynamicObject", Access::Full, true),
    ("dynamicobjects", "DynamicObject", Access::Bulk, true),
    ("certificatemaps", "CertificateMap", Access::Full, true),
    (
        "radiusservergroups",
        "RadiusServerGroup",
        Access::Full,
        true,
    ),
    ("ssoservers", "SSOServer", Access::Full, true),
    ("grouppolicies", "GroupPolicy", Access::Full, true),
    ("ipv4addresspools", "IPv4AddressPool", Access::Full, true),
    ("ipv6addresspools", "IPv6AddressPool", Access::Full, true),
    ("bfdtemplates", "BFDTemplate", Access::Full, true),
    (
        "customsimonitors",
        "CustomSIMonitor",
        Access::ReadOnly,
        false,
    ),
];

/// Resources outside `object/`, in the FMC's own path layout: path, model,
/// tag, operations and whether the list takes `filter`.
type ResourceRow = (&'static str, &'static str, &'static str, Access, bool);

const OTHER_RESOURCES: &[ResourceRow] = &[
    ("/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies", "AccessPolicy", "Policy", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/accessrules", "AccessRule", "Policy", Access::Bulk, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/categories", "AccessPolicyCategory", "Policy", Access::Full, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/defaultactions", "AccessPolicyDefaultAction", "Policy", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/inheritancesettings", "AccessPolicyInheritanceSetting", "Policy", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/loggingsettings", "AccessPolicyLoggingSettingModel", "Policy", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/accesspolicies/{containerUUID}/operational/hitcounts", "HitCount", "Policy", Access::ListOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ftdnatpolicies", "FTDNatPolicy", "Policy", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ftdnatpolicies/{containerUUID}/autonatrules", "FTDAutoNatRule", "Policy", Access::Bulk, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ftdnatpolicies/{containerUUID}/manualnatrules", "FTDManualNatRule", "Policy", Access::Bulk, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ftdnatpolicies/{containerUUID}/natrules", "FTDNatRule", "Policy", Access::ListOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/prefilterpolicies", "PrefilterPolicy", "Policy", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/prefilterpolicies/{containerUUID}/prefilterrules", "PrefilterRule", "Policy", Access::Bulk, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/intrusionpolicies", "IntrusionPolicy", "Policy", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/networkanalysispolicies", "NetworkAnalysisPolicy", "Policy", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/filepolicies", "FilePolicy", "Policy", Access::ReadOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/dnspolicies", "DNSPolicy", "Policy", Access::ReadOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/dnspolicies/{containerUUID}/allowdnsrules", "AllowDNSRule", "Policy", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/dnspolicies/{containerUUID}/blockdnsrules", "BlockDNSRule", "Policy", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/identitypolicies", "IdentityPolicy", "Policy", Access::ReadOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/snmpalerts", "SNMPAlert", "Policy", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/syslogalerts", "SyslogAlert", "Policy", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ftds2svpns", "FTDS2SVpn", "VPN", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ftds2svpns/{containerUUID}/endpoints", "VpnEndpoint", "VPN", Access::Full, false),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ravpns", "RAVpn", "VPN", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/policy/ravpns/{containerUUID}/connectionprofiles", "RAVpnConnectionProfile", "VPN", Access::Full, false),
    ("/fmc_config/v1/domain/{domainUUID}/assignment/policyassignments", "PolicyAssignment", "Policy Assignment", Access::Full, false),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords", "Device", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/physicalinterfaces", "FTDPhysicalInterface", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/subinterfaces", "FTDSubInterface", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/etherchannelinterfaces", "FTDEtherChannelInterface", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/redundantinterfaces", "FTDRedundantInterface", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/vlaninterfaces", "FTDVlanInterface", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/bridgegroupinterfaces", "FTDBridgeGroupInterface", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/virtualtunnelinterfaces", "VirtualTunnelInterface", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/inlinesets", "InlineSet", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/routing/ipv4staticroutes", "IPv4StaticRouteModel", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/routing/ipv6staticroutes", "IPv6StaticRouteModel", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/routing/staticroutes", "StaticRouteModel", "Devices", Access::ListOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/routing/bgp", "BGP", "Devices", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/routing/ospfv2routes", "OSPFv2Route", "Devices", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/routing/virtualrouters", "VirtualRouter", "Devices", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/operational/commands", "Command", "Devices", Access::ListOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/devices/devicerecords/{containerUUID}/operational/metrics", "Metric", "Devices", Access::ListOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/devicegroups/devicegrouprecords", "DeviceGroup", "Device Groups", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/deviceclusters/ftddevicecluster", "DeviceCluster", "Device Clusters", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devicehapairs/ftddevicehapairs", "FTDHAPair", "Device HA Pairs", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/devicehapairs/ftddevicehapairs/{containerUUID}/monitoredinterfaces", "FTDHAMonitoredInterface", "Device HA Pairs", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/deployment/deployabledevices", "DeployableDevice", "Deployment", Access::ListOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/deployment/deploymentrequests", "DeploymentRequest", "Deployment", Access::CreateOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/deployment/jobhistories", "DeploymentJobHistory", "Deployment", Access::ListOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/deployment/deployabledevices/{containerUUID}/pendingchanges", "PendingChange", "Deployment", Access::ListOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/health/alerts", "HealthAlert", "Health", Access::ListOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/health/metrics", "HealthMetric", "Health", Access::ListOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/health/policies", "HealthPolicy", "Health", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/health/tunnelstatuses", "TunnelStatus", "Health", Access::ListOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/users/authroles", "UserRole", "Users", Access::ReadOnly, true),
    ("/fmc_config/v1/domain/{domainUUID}/users/ssoconfigs", "SSOConfig", "Users", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/users/users", "User", "Users", Access::Full, true),
    ("/fmc_config/v1/domain/{domainUUID}/integration/cloudeventsconfigs", "CloudEventsConfig", "Integration", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/integration/externallookups", "ExternalLookup", "Integration", Access::Full, false),
    ("/fmc_config/v1/domain/{domainUUID}/job/taskstatuses", "TaskStatus", "Status", Access::ReadOnly, false),
    ("/fmc_config/v1/domain/{domainUUID}/audit/auditrecords", "AuditRecord", "Audit", Access::ReadOnly, true),
    ("/fmc_platform/v1/domain/{domainUUID}/audit/auditrecords", "PlatformAuditRecord", "Audit", Access::ReadOnly, true),
    ("/fmc_platform/v1/updates/upgradepackages", "UpgradePackage", "Updates", Access::ReadOnly, false),
    ("/fmc_platform/v1/info/serverversion", "ServerVersion", "System Information", Access::ListOnly, false),
    ("/fmc_platform/v1/info/domain", "Domain", "System Information", Access::ReadOnly, false),
    ("/fmc_troubleshoot/v1/domain/{domainUUID}/operational/troubleshootfiles", "TroubleshootFile", "Troubleshoot", Access::CreateOnly, false),
    ("/fmc_netmap/v1/domain/{domainUUID}/hosts", "NetmapHost", "Netmap", Access::ReadOnly, true),
    ("/fmc_netmap/v1/domain/{domainUUID}/vulns", "NetmapVulnerability", "Netmap", Access::ReadOnly, true),
];

/// Returns every resource of the spec: the object types first, each
/// followed by its `overrides` list where the FMC has one, then the rest.
pub fn resources() -> Vec<Resource> {
    let mut all = Vec::with_capacity(OBJECT_TYPES.len() * 2 + OTHER_RESOURCES.len());
    for &(segment, model, access, filter) in OBJECT_TYPES {
        let path = format!("{OBJECT}/{segment}");
        all.push(resource(&path, model, "Object", access, filter));
        if access != Access::ReadOnly && access != Access::ListOnly {
            let overrides = format!("{path}/{{containerUUID}}/overrides");
            let model = format!("{model}Override");
            all.push(resource(
                &overrides,
                &model,
                "Object",
                Access::ListOnly,
                false,
            ));
        }
    }
    for &(path, model, tag, access, filter) in OTHER_RESOURCES {
        all.push(resource(path, model, tag, access, filter));
    }
    all
}
