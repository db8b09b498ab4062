from fastapi import FastAPI

app = FastAPI()


@app.post("/orders")
async def create_order(order: dict) -> dict:
    return {"accepted": True}
