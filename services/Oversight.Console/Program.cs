using Oversight.WebConsole;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddOfficeConsole();

var app = builder.Build();
app.MapOfficeConsole();

app.Run();
