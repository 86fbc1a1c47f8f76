using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Interactions;
using Oversight.Testing;

namespace Oversight.Console.Tests;

/// <summary>
/// Debian's chromium, headless, driven through Debian's chromedriver (no driver or browser is downloaded: both paths are
/// given, so Selenium Manager is never asked), at a window size an office screen has.
/// </summary>
public sealed class Browser : IDisposable
{
    private readonly Uri _console;

    private Browser(ChromeDriver driver, Uri console)
    {
        Driver = driver;
        _console = console;
    }

    public ChromeDriver Driver { get; }

    public static Browser Open(Uri console, string downloads, int width = 1366, int height = 768)
    {
        var service = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--lang=zh-CN", $"--window-size={width},{height}");
        options.AddUserProfilePreference("download.default_directory", downloads);
        options.AddUserProfilePreference("download.prompt_for_download", false);
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.Manage().Timeouts().PageLoad = TimeSpan.FromSeconds(30);
        return new Browser(driver, console);
    }

    public void Go(string pathAndQuery) => Driver.Navigate().GoToUrl(new Uri(_console, pathAndQuery));

    /// <summary>Signs in as a person would: the key typed into the field and Enter pressed (no mouse).</summary>
    public void SignIn(string key)
    {
        Go("/signin");
        var field = Driver.FindElement(By.Id("key"));
        field.SendKeys(key);
        field.SendKeys(Keys.Enter);
    }

    public string Heading => Driver.FindElement(By.TagName("h1")).Text;

    /// <summary>The page's text; read again when a navigation replaced the body while it was being read.</summary>
    public string Text
    {
        get
        {
            try
            {
                return Driver.FindElement(By.TagName("body")).Text;
            }
            catch (StaleElementReferenceException)
            {
                return Driver.FindElement(By.TagName("body")).Text;
            }
        }
    }

    /// <summary>
    /// Waits for the page a form post leads to: its text containing <paramref name="expected"/> (the old page may still
    /// be shown, or going stale, just after the click).
    /// </summary>
    public async Task<string> TextContainingAsync(string expected) =>
        await Eventually.UntilAsync(() => Task.FromResult(SafeText()), t => t.Contains(expected, StringComparison.Ordinal),
            TimeSpan.FromSeconds(15), $"the page to show {expected}");

    // Between a form post and the page it leads to, the old body can go stale while being read, and for a moment there
    // may be no body at all: both read as "" so that the caller's wait reads again.
    private string SafeText()
    {
        try
        {
            return Driver.FindElement(By.TagName("body")).Text;
        }
        catch (Exception e) when (e is StaleElementReferenceException or NoSuchElementException)
        {
            return "";
        }
    }

    public IWebElement Active => Driver.SwitchTo().ActiveElement();

    public void Press(string key) => new Actions(Driver).SendKeys(key).Perform();

    public string Style(IWebElement element, string property) =>
        (string)Driver.ExecuteScript("return getComputedStyle(arguments[0]).getPropertyValue(arguments[1]);", element, property)!;

    /// <summary>The window sizes every screenshot is taken at: the smallest office screen the console is made for, and a common larger one.</summary>
    public static readonly (int Width, int Height)[] ScreenshotSizes = [(1366, 768), (1920, 1080)];

    /// <summary>
    /// The page as it is now, at each of <see cref="ScreenshotSizes"/> (the window resized, then put back), kept as test
    /// artifacts under artifacts/console-screenshots (gitignored) as NAME-WIDTHxHEIGHT.png.
    /// </summary>
    public IReadOnlyList<string> Screenshot(string name)
    {
        var window = Driver.Manage().Window;
        var size = window.Size;
        var folder = RepositoryPaths.Combine("artifacts", "console-screenshots");
        Directory.CreateDirectory(folder);
        var paths = new List<string>();
        foreach (var (width, height) in ScreenshotSizes)
        {
            window.Size = new System.Drawing.Size(width, height);
            var path = Path.Combine(folder, $"{name}-{width}x{height}.png");
            Driver.GetScreenshot().SaveAsFile(path);
            paths.Add(path);
        }
        window.Size = size;
        return paths;
    }

    public void Dispose()
    {
        Driver.Quit();
        Driver.Dispose();
    }
}
