using Oversight.Metrics;

var builder = WebApplication.CreateSlimBuilder(args);
builder.AddMetrics();

var app = builder.Build();
app.MapMetrics();

app.Run();
