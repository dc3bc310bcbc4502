<#
.SYNOPSIS
    Collects the IPv4 scopes and failover relationships of Windows DHCP servers into one
    JSON file that the ipam-failover admin page imports.

.DESCRIPTION
    For each server: its name and IPv4 address, its IPv4 scopes (Get-DhcpServerv4Scope)
    and its failover relationships (Get-DhcpServerv4Failover). Addresses are written as
    text, durations in seconds, lists as plain arrays. A server that cannot be read gets
    its error recorded instead, and the script goes on with the next one.

    Output: { "format": "ipam-failover-collection", "version": 1, "collectedAt": ...,
    "collector": ..., "servers": [ ... ] } in UTF-8 without a byte order mark. The README
    ("Importing from DHCP servers") documents every key.

    Runs unchanged in Windows PowerShell 5.1 and PowerShell 7. Needs the DhcpServer
    module (RSAT) and read access to the servers (DHCP Users is enough).

.PARAMETER ComputerName
    The DHCP servers to read. Default: every server Get-DhcpServerInDC lists.

.PARAMETER Path
    Where to write the file. Default: dhcp-failover-<date>-<time>.json in the current
    directory.

.EXAMPLE
    .\Collect-DhcpFailover.ps1

.EXAMPLE
    .\Collect-DhcpFailover.ps1 -ComputerName dhcp-hq-01, dhcp-hq-02 -Path C:\Temp\dhcp.json
#>
[CmdletBinding()]
param(
    [string[]] $ComputerName,
    [string] $Path
)

Set-StrictMode -Version 2.0
$ErrorActionPreference = 'Stop'

# Windows PowerShell 5.1 writes some arrays as { "value": [...], "Count": n } because of
# the extended type data of System.Array (PowerShell/PowerShell#5579); without it, arrays
# are plain. The importer reads both shapes anyway.
if ($PSVersionTable.PSVersion.Major -lt 6) {
    Remove-TypeData -TypeName System.Array -ErrorAction SilentlyContinue
}

$CollectorVersion = 'Collect-DhcpFailover.ps1 1'

function Get-Value {
    param($Object, [string] $Name)
    # Properties missing on older servers (e.g. PrimaryServerName before 2012 R2) are null.
    $property = $Object.PSObject.Properties[$Name]
    if ($null -eq $property) {
        return $null
    }
    return $property.Value
}

function ConvertTo-Text {
    param($Value)
    if ($null -eq $Value) {
        return $null
    }
    if ($Value -is [System.Net.IPAddress]) {
        return $Value.IPAddressToString
    }
    return [string]$Value
}

function ConvertTo-Seconds {
    param($Value)
    if ($null -eq $Value) {
        return $null
    }
    if ($Value -is [TimeSpan]) {
        return [long][Math]::Round($Value.TotalSeconds)
    }
    return [long]$Value
}

function Get-HostAddress {
    param([string] $Name)
    try {
        foreach ($address in [System.Net.Dns]::GetHostAddresses($Name)) {
            if ($address.AddressFamily -eq [System.Net.Sockets.AddressFamily]::InterNetwork) {
                return $address.IPAddressToString
            }
        }
    } catch {
        Write-Verbose ('No address for ' + $Name + ': ' + $_.Exception.Message)
    }
    return $null
}

function Get-ScopeRecord {
    param($Scope)
    return [ordered]@{
        scopeId              = ConvertTo-Text (Get-Value $Scope 'ScopeId')
        name                 = ConvertTo-Text (Get-Value $Scope 'Name')
        subnetMask           = ConvertTo-Text (Get-Value $Scope 'SubnetMask')
        startRange           = ConvertTo-Text (Get-Value $Scope 'StartRange')
        endRange             = ConvertTo-Text (Get-Value $Scope 'EndRange')
        leaseDurationSeconds = ConvertTo-Seconds (Get-Value $Scope 'LeaseDuration')
        state                = ConvertTo-Text (Get-Value $Scope 'State')
        type                 = ConvertTo-Text (Get-Value $Scope 'Type')
        description          = ConvertTo-Text (Get-Value $Scope 'Description')
        superscopeName       = ConvertTo-Text (Get-Value $Scope 'SuperscopeName')
        delay                = Get-Value $Scope 'Delay'
        maxBootpClients      = Get-Value $Scope 'MaxBootpClients'
        napEnable            = Get-Value $Scope 'NapEnable'
        napProfile           = ConvertTo-Text (Get-Value $Scope 'NapProfile')
        activatePolicies     = Get-Value $Scope 'ActivatePolicies'
    }
}

function Get-FailoverRecord {
    param($Failover)
    $scopeIds = New-Object System.Collections.ArrayList
    foreach ($id in @(Get-Value $Failover 'ScopeId')) {
        if ($null -ne $id) {
            [void]$scopeIds.Add((ConvertTo-Text $id))
        }
    }
    return [ordered]@{
        name                       = ConvertTo-Text (Get-Value $Failover 'Name')
        partnerServer              = ConvertTo-Text (Get-Value $Failover 'PartnerServer')
        mode                       = ConvertTo-Text (Get-Value $Failover 'Mode')
        serverType                 = ConvertTo-Text (Get-Value $Failover 'ServerType')
        serverRole                 = ConvertTo-Text (Get-Value $Failover 'ServerRole')
        loadBalancePercent         = Get-Value $Failover 'LoadBalancePercent'
        reservePercent             = Get-Value $Failover 'ReservePercent'
        maxClientLeadTimeSeconds   = ConvertTo-Seconds (Get-Value $Failover 'MaxClientLeadTime')
        autoStateTransition        = Get-Value $Failover 'AutoStateTransition'
        stateSwitchIntervalSeconds = ConvertTo-Seconds (Get-Value $Failover 'StateSwitchInterval')
        state                      = ConvertTo-Text (Get-Value $Failover 'State')
        enableAuth                 = Get-Value $Failover 'EnableAuth'
        primaryServerName          = ConvertTo-Text (Get-Value $Failover 'PrimaryServerName')
        primaryServerIP            = ConvertTo-Text (Get-Value $Failover 'PrimaryServerIP')
        secondaryServerName        = ConvertTo-Text (Get-Value $Failover 'SecondaryServerName')
        secondaryServerIP          = ConvertTo-Text (Get-Value $Failover 'SecondaryServerIP')
        scopeIds                   = $scopeIds.ToArray()
    }
}

function Get-ServerRecord {
    param([string] $Name)
    $record = [ordered]@{
        name     = $Name
        ip       = Get-HostAddress $Name
        error    = $null
        scopes   = $null
        failover = $null
    }
    try {
        $scopes = New-Object System.Collections.ArrayList
        foreach ($scope in @(Get-DhcpServerv4Scope -ComputerName $Name)) {
            [void]$scopes.Add((Get-ScopeRecord $scope))
        }
        $failover = New-Object System.Collections.ArrayList
        foreach ($relationship in @(Get-DhcpServerv4Failover -ComputerName $Name)) {
            [void]$failover.Add((Get-FailoverRecord $relationship))
        }
        $record.scopes = $scopes.ToArray()
        $record.failover = $failover.ToArray()
    } catch {
        $record.error = $_.Exception.Message
        Write-Warning ($Name + ': ' + $record.error)
    }
    return $record
}

if (-not $ComputerName -or $ComputerName.Count -eq 0) {
    $ComputerName = @(Get-DhcpServerInDC | ForEach-Object { $_.DnsName })
    if ($ComputerName.Count -eq 0) {
        throw 'Get-DhcpServerInDC lists no DHCP servers; name them with -ComputerName.'
    }
}

if (-not $Path) {
    $Path = 'dhcp-failover-' + (Get-Date -Format 'yyyyMMdd-HHmmss') + '.json'
}
# Relative to the PowerShell location, not the process's working directory.
$FullPath = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)

$servers = New-Object System.Collections.ArrayList
$done = 0
foreach ($name in $ComputerName) {
    $done += 1
    Write-Progress -Activity 'Collecting DHCP failover data' -Status $name -PercentComplete (100 * ($done - 1) / $ComputerName.Count)
    [void]$servers.Add((Get-ServerRecord $name))
}
Write-Progress -Activity 'Collecting DHCP failover data' -Completed

$document = [ordered]@{
    format      = 'ipam-failover-collection'
    version     = 1
    collectedAt = (Get-Date).ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", [System.Globalization.CultureInfo]::InvariantCulture)
    collector   = $CollectorVersion
    servers     = $servers.ToArray()
}
$json = ConvertTo-Json -InputObject $document -Depth 10
# Not Out-File or Set-Content: their default encodings differ between 5.1 and 7.
[System.IO.File]::WriteAllText($FullPath, $json, (New-Object System.Text.UTF8Encoding($false)))

$failed = @($servers | Where-Object { $null -ne $_.error }).Count
Write-Host ('Wrote ' + $servers.Count + ' server(s) (' + $failed + ' could not be read) to ' + $FullPath)
