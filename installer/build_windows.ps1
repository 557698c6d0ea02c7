# Build the Windows installer of the clerk application.
#
#   powershell -ExecutionPolicy Bypass -File installer\build_windows.ps1 [-Python "py -3.11"] [-Venv build\venv]
#
# Needs: 64-bit Python 3.11+ (python.org or `winget install Python.Python.3.11`), NSIS 3
# (`winget install NSIS.NSIS`, or makensis on PATH). Network access to PyPI for the first run.
# Outputs in dist\: clerk-app\ (the frozen program: clerk-app.exe for the window, clerk-app-cli.exe for
# the command line) and clerk-app-<version>-setup.exe. The frozen `clerk-app-cli.exe --smoke` must pass.
param(
    [string]$Python = "py -3.11",
    [string]$Venv = "build\venv",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
$Root = Resolve-Path (Join-Path $PSScriptRoot "..")
Set-Location $Root
$started = Get-Date

function Step([string]$text) {
    $elapsed = [int]((Get-Date) - $started).TotalSeconds
    Write-Host "`n== $text (${elapsed}s)"
}

function Invoke-Checked([string]$exe, [string[]]$arguments) {
    & $exe @arguments
    if ($LASTEXITCODE -ne 0) { throw "$exe $($arguments -join ' ') failed with exit code $LASTEXITCODE" }
}

Step "Python environment: $Venv"
$py = Join-Path $Venv "Scripts\python.exe"
if (-not (Test-Path $py)) {
    $parts = $Python.Split(" ")
    $launcher = $parts[0]
    $launcherArgs = @($parts | Select-Object -Skip 1) + @("-m", "venv", $Venv)
    Invoke-Checked $launcher $launcherArgs
    Invoke-Checked $py @("-m", "pip", "install", "-q", "--upgrade", "pip")
}
Invoke-Checked $py @("-c", "import sys, struct; assert sys.version_info >= (3, 11), sys.version; assert struct.calcsize('P') == 8, '64-bit Python needed'")
Invoke-Checked $py @("-m", "pip", "install", "-q", "-e", ".[build]")

$Name = & $py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['name'])"
$Version = & $py -c "import tomllib; print(tomllib.load(open('pyproject.toml', 'rb'))['project']['version'])"
$Quad = & $py -c "import re, sys; n = [int(x) for x in re.findall(r'\d+', sys.argv[1].split('+')[0])][:4]; print('.'.join(map(str, n + [0] * (4 - len(n)))))" $Version

Step "PyInstaller: $Name $Version"
if (Test-Path "dist\$Name") { Remove-Item -Recurse -Force "dist\$Name" }
Invoke-Checked $py @("-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
    "--distpath", "dist", "--workpath", "build\pyinstaller", "installer\clerk-app.spec")
$Bundle = Join-Path $Root "dist\$Name"

Step "Smoke test of the frozen program"
$env:QT_QPA_PLATFORM = "offscreen"
Invoke-Checked (Join-Path $Bundle "$Name-cli.exe") @("--smoke")
Remove-Item Env:\QT_QPA_PLATFORM

$Setup = $null
if (-not $SkipInstaller) {
    Step "NSIS installer"
    $makensis = (Get-Command makensis.exe -ErrorAction SilentlyContinue).Source
    if (-not $makensis) {
        foreach ($dir in @(${env:ProgramFiles(x86)}, $env:ProgramFiles)) {
            $candidate = Join-Path $dir "NSIS\makensis.exe"
            if ($dir -and (Test-Path $candidate)) { $makensis = $candidate; break }
        }
    }
    if (-not $makensis) { throw "makensis.exe not found: install NSIS 3 (winget install NSIS.NSIS)" }
    $Setup = Join-Path $Root "dist\$Name-$Version-setup.exe"
    Invoke-Checked $makensis @("/V2", "/WX", "/DVERSION=$Version", "/DVERSION_QUAD=$Quad",
        "/DSRCDIR=$Bundle", "/DOUTFILE=$Setup", "installer\windows\clerk-app.nsi")
}

Step "Done"
$size = (Get-ChildItem -Recurse -File $Bundle | Measure-Object -Property Length -Sum).Sum
Write-Host ("bundle:    {0}  {1:N0} MB" -f $Bundle, ($size / 1MB))
if ($Setup) { Write-Host ("installer: {0}  {1:N0} MB" -f $Setup, ((Get-Item $Setup).Length / 1MB)) }
