<#
.SYNOPSIS
  Writes Sigilo's policy for Chrome and Edge into the registry (HKLM), from a
  JSON file shaped like sigilo-policy.json. Deploy it as an Intune "Platform
  script" (run as SYSTEM, 64-bit) or a GPO startup script.
.NOTES
  Numbers become REG_DWORD, true/false REG_DWORD 1/0, strings REG_SZ, and lists
  and objects REG_SZ holding JSON, which Chrome and Edge parse against Sigilo's
  managed_schema.json. Keys absent from the file are removed, so the registry
  always mirrors the file (a removed key is no longer locked for agents).
#>
param(
  [Parameter(Mandatory = $true)][string]$PolicyFile,
  [string]$ExtensionId = 'baccbjmclojglbemmmnkcnohhkdejlcg'
)
$ErrorActionPreference = 'Stop'
$policy = Get-Content -Raw -Encoding UTF8 $PolicyFile | ConvertFrom-Json
foreach ($browser in @('Google\Chrome', 'Microsoft\Edge')) {
  $key = "HKLM:\SOFTWARE\Policies\$browser\3rdparty\extensions\$ExtensionId\policy"
  if (Test-Path $key) { Remove-Item -Path $key -Recurse -Force }
  New-Item -Path $key -Force | Out-Null
  foreach ($p in $policy.PSObject.Properties) {
    $v = $p.Value
    if ($v -is [bool]) { New-ItemProperty -Path $key -Name $p.Name -PropertyType DWord -Value ([int]$v) | Out-Null }
    elseif ($v -is [int] -or $v -is [long]) { New-ItemProperty -Path $key -Name $p.Name -PropertyType DWord -Value $v | Out-Null }
    elseif ($v -is [string]) { New-ItemProperty -Path $key -Name $p.Name -PropertyType String -Value $v | Out-Null }
    else {
      $json = ConvertTo-Json -InputObject $v -Depth 10 -Compress
      New-ItemProperty -Path $key -Name $p.Name -PropertyType String -Value $json | Out-Null
    }
  }
}
Write-Output "Sigilo policy written for Chrome and Edge ($ExtensionId)."
